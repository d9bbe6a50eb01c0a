import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, hasRole, MembershipRole, Role } from '../../common/auth/roles';
import { type IssuedToken, TokenAudience, TokenService } from '../../common/auth/token.service';
import { ForbiddenError, NotFoundError } from '../../common/errors/domain-errors';
import { PreparedQueries } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { actorOf } from './actor';
import { OrganizationEntity } from './organization.entity';
import { SessionEntity, SessionKind } from './session.entity';
import { UserEntity } from './user.entity';

/** A queue dashboard cookie lasts an hour at most, and never longer than the API session it came from. */
export const QUEUE_DASHBOARD_SESSION_SECONDS = 3600;

export interface StartedSession extends IssuedToken {
  sessionId: string;
}

/** The signed-in user as the session check read her, with her organization. */
export type SignedInUser = UserEntity & { organization: OrganizationEntity };

/** The session a valid token belongs to, and the user as she is now. */
export interface ValidSession {
  sessionId: string;
  expiresAt: Date;
  actor: Actor;
  user: SignedInUser;
}

const AUDIENCE: Record<SessionKind, TokenAudience> = {
  [SessionKind.API]: TokenAudience.API,
  [SessionKind.QUEUE_DASHBOARD]: TokenAudience.QUEUE_DASHBOARD,
};

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
function validSessionSql(db: PreparedQueries): string {
  return `
  SELECT ${[...db.selectList(UserEntity, 'u', 'user.', ['passwordHash']), ...db.selectList(OrganizationEntity, 'o', 'organization.')].join(', ')},
         s.expires_at AS "expiresAt", (s.organization_id = u.organization_id AND s.role = u.role) AS "unchanged"
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    JOIN organizations o ON o.id = u.organization_id
   WHERE s.id = $1 AND s.user_id = $2 AND s.kind = $3 AND s.revoked_at IS NULL AND s.expires_at > now()
     AND u.deactivated_at IS NULL`;
}

@Injectable()
export class SessionsService {
  private readonly validSessionSql: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: PreparedQueries,
    private readonly tokens: TokenService,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
  ) {
    this.validSessionSql = validSessionSql(db);
  }

  /** An API session for a user who has just proved her password. */
  async startApiSession(user: UserEntity): Promise<StartedSession> {
    return this.start(user.id, user.organizationId, user.role, SessionKind.API, null);
  }

  /** A queue dashboard session (for its cookie) started from a PLATFORM admin's API session. */
  async startQueueDashboardSession(parent: ValidSession): Promise<StartedSession> {
    if (!hasRole(parent.actor, Role.PLATFORM_ADMIN)) throw new ForbiddenError();
    const secondsLeft = Math.floor((parent.expiresAt.getTime() - Date.now()) / 1000);
    const lifetime = Math.max(1, Math.min(QUEUE_DASHBOARD_SESSION_SECONDS, secondsLeft));
    const { userId, organizationId, membershipRole } = parent.actor;
    return this.start(userId, organizationId, membershipRole, SessionKind.QUEUE_DASHBOARD, parent.sessionId, lifetime);
  }

  /** The valid session a token of this kind belongs to, or null (malformed, forged, expired, revoked, or her role changed). */
  async validate(token: string, kind: SessionKind): Promise<ValidSession | null> {
    let claims;
    try {
      claims = this.tokens.verify(token, AUDIENCE[kind]);
    } catch {
      return null;
    }
    const [row] = await this.db.query<SessionRow>(this.validSessionSql, [claims.sessionId, claims.userId, kind]);
    if (!row) return null;
    const user = this.db.hydrate(UserEntity, row, 'user.') as SignedInUser;
    user.organization = this.db.hydrate(OrganizationEntity, row, 'organization.');
    if (!row.unchanged) {
      await this.revokeOutdated(user);
      return null;
    }
    return { sessionId: claims.sessionId, expiresAt: row.expiresAt, actor: actorOf(user, user.organization), user };
  }

  /** Ends one session and the dashboard sessions started from it; false when it had already ended. */
  async revoke(sessionId: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query(
      `UPDATE sessions SET revoked_at = now() WHERE (id = $1 OR parent_id = $1) AND revoked_at IS NULL`,
      [sessionId],
    );
    return affected > 0;
  }

  /**
   * Ends every session of a user: her own request (no `userId`, or her own), or her organization's
   * admin for a user of that organization. Another organization's user is NOT_FOUND, as if she did
   * not exist; a staff member asking for a colleague is FORBIDDEN. Returns how many were ended.
   */
  async revokeAllOf(actor: Actor, userId: string = actor.userId): Promise<number> {
    return this.transactions.run(async () => {
      if (userId !== actor.userId) {
        const target = await this.transactions.manager.findOneBy(UserEntity, { id: userId, organizationId: actor.organizationId });
        if (!target) throw new NotFoundError('User', { field: 'userId' });
        if (actor.membershipRole !== MembershipRole.ADMIN) throw new ForbiddenError('Only an admin of her organization may end her sessions');
      }
      const revoked = await this.revokeEverySession(userId);
      await this.audit.record(actor, { action: 'user.sessions_revoked', entityType: 'user', entityId: userId, after: { revoked } });
      return revoked;
    });
  }

  /**
   * For whatever changes a user's role or organization (or takes her access away): call it inside
   * that change's `Transactions.run`, whose transaction it joins. Sessions would also end on their
   * next use (see `validate`), this makes it final.
   */
  async revokeEverySession(userId: string): Promise<number> {
    const result = await this.transactions.manager.update(SessionEntity, { userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return result.affected ?? 0;
  }

  /** Ends every session of a user but `keep` (and the dashboard sessions started from it), inside the caller's transaction. */
  async revokeAllBut(userId: string, keep: string | null): Promise<number> {
    const [, affected] = await this.transactions.manager.query(
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2 AND parent_id IS DISTINCT FROM $2`,
      [userId, keep],
    );
    return affected;
  }

  private async start(
    userId: string,
    organizationId: string,
    role: MembershipRole,
    kind: SessionKind,
    parentId: string | null,
    lifetime?: number,
  ): Promise<StartedSession> {
    const sessionId = randomUUID();
    const issued = this.tokens.issue({ userId, sessionId }, AUDIENCE[kind], lifetime);
    await this.dataSource
      .getRepository(SessionEntity)
      .insert({ id: sessionId, kind, userId, organizationId, role, parentId, expiresAt: issued.expiresAt, revokedAt: null });
    return { ...issued, sessionId };
  }

  /** Her role or organization changed since these sessions started: they end now, even if it changes back. */
  private async revokeOutdated(user: UserEntity): Promise<void> {
    await this.dataSource.query(
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND (organization_id <> $2 OR role <> $3)`,
      [user.id, user.organizationId, user.role],
    );
  }
}
