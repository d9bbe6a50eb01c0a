import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { PreparedQueries } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { OrganizationEntity } from './organization.entity';
import { SessionEntity, type SessionKind } from './session.entity';
import { UserEntity } from './user.entity';

/** The signed-in user as the session check read her, with her organization. */
export type SignedInUser = UserEntity & { organization: OrganizationEntity };

/** A session that is neither expired nor revoked, of an active user, as the session check reads it. */
export interface LiveSession {
  expiresAt: Date;
  /** False when her organization or role changed since the session started. */
  unchanged: boolean;
  user: SignedInUser;
}

interface SessionRow {
  expiresAt: Date;
  unchanged: boolean;
  [column: string]: unknown;
}

/**
 * Every authenticated request runs this: one primary-key lookup that also reads the user (not her
 * password hash) and her organization whole, so `me` and her organization cost no statement of
 * their own.
 */
function liveSessionSql(db: PreparedQueries): string {
  return `
  SELECT ${[...db.selectList(UserEntity, 'u', 'user.', ['passwordHash']), ...db.selectList(OrganizationEntity, 'o', 'organization.')].join(', ')},
         s.expires_at AS "expiresAt", (s.organization_id = u.organization_id AND s.role = u.role) AS "unchanged"
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    JOIN organizations o ON o.id = u.organization_id
   WHERE s.id = $1 AND s.user_id = $2 AND s.kind = $3 AND s.revoked_at IS NULL AND s.expires_at > now()
     AND u.deactivated_at IS NULL`;
}

/**
 * The only place the `sessions` table is named. Revocations that belong to a change of the user join
 * the ambient transaction; a session's start, a logout and the end of outdated sessions run on the
 * data source, committed at once, whatever the caller is in.
 */
@Injectable()
export class SessionsRepository {
  private readonly liveSessionSql: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: PreparedQueries,
    private readonly transactions: Transactions,
  ) {
    this.liveSessionSql = liveSessionSql(db);
  }

  /** The live session with this id, user and kind (one prepared statement), or null. */
  async live(sessionId: string, userId: string, kind: SessionKind): Promise<LiveSession | null> {
    const [row] = await this.db.query<SessionRow>(this.liveSessionSql, [sessionId, userId, kind]);
    if (!row) return null;
    const user = this.db.hydrate(UserEntity, row, 'user.') as SignedInUser;
    user.organization = this.db.hydrate(OrganizationEntity, row, 'organization.');
    return { expiresAt: row.expiresAt, unchanged: row.unchanged, user };
  }

  /** Committed at once. */
  async insert(session: Pick<SessionEntity, 'id' | 'kind' | 'userId' | 'organizationId' | 'role' | 'parentId' | 'expiresAt'>): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).insert({ ...session, revokedAt: null });
  }

  /** Ends one session and the sessions started from it, committed at once; how many ended. */
  async revokeWithChildren(sessionId: string): Promise<number> {
    const [, affected] = await this.dataSource.query(`UPDATE sessions SET revoked_at = now() WHERE (id = $1 OR parent_id = $1) AND revoked_at IS NULL`, [sessionId]);
    return affected;
  }

  /** Ends every live session of a user in the ambient transaction; how many ended. */
  async revokeAllOfUser(userId: string): Promise<number> {
    const result = await this.transactions.manager.update(SessionEntity, { userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return result.affected ?? 0;
  }

  /** Ends every live session of a user but `keep` and the sessions started from it, in the ambient transaction; how many ended. */
  async revokeAllOfUserBut(userId: string, keep: string | null): Promise<number> {
    const [, affected] = await this.transactions.manager.query(
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2 AND parent_id IS DISTINCT FROM $2`,
      [userId, keep],
    );
    return affected;
  }

  /** Ends, committed at once, the user's live sessions started under another organization or role than she has now. */
  async revokeStartedOtherwise(user: Pick<UserEntity, 'id' | 'organizationId' | 'role'>): Promise<void> {
    await this.dataSource.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND (organization_id <> $2 OR role <> $3)`, [
      user.id,
      user.organizationId,
      user.role,
    ]);
  }
}
