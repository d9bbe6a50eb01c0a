import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, hasRole, MembershipRole, Role } from '../../common/auth/roles';
import { type IssuedToken, TokenAudience, TokenService } from '../../common/auth/token.service';
import { ForbiddenError, NotFoundError } from '../../common/errors/domain-errors';
import { Transactions } from '../../database/transactions';
import { actorOf } from './actor';
import { OrganizationsRepository } from './organizations.repository';
import { SessionKind } from './session.entity';
import { type SignedInUser, SessionsRepository } from './sessions.repository';
import type { UserEntity } from './user.entity';

/** A queue dashboard cookie lasts an hour at most, and never longer than the API session it came from. */
export const QUEUE_DASHBOARD_SESSION_SECONDS = 3600;

export interface StartedSession extends IssuedToken {
  sessionId: string;
}

export type { SignedInUser } from './sessions.repository';

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

@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly users: OrganizationsRepository,
    private readonly tokens: TokenService,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
  ) {}

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
    const live = await this.sessions.live(claims.sessionId, claims.userId, kind);
    if (!live) return null;
    const { user } = live;
    if (!live.unchanged) {
      // Her role or organization changed since these sessions started: they end now, even if it changes back.
      await this.sessions.revokeStartedOtherwise(user);
      return null;
    }
    return { sessionId: claims.sessionId, expiresAt: live.expiresAt, actor: actorOf(user, user.organization), user };
  }

  /** Ends one session and the dashboard sessions started from it; false when it had already ended. */
  async revoke(sessionId: string): Promise<boolean> {
    return (await this.sessions.revokeWithChildren(sessionId)) > 0;
  }

  /**
   * Ends every session of a user: her own request (no `userId`, or her own), or her organization's
   * admin for a user of that organization. Another organization's user is NOT_FOUND, as if she did
   * not exist; a staff member asking for a colleague is FORBIDDEN. Returns how many were ended.
   */
  async revokeAllOf(actor: Actor, userId: string = actor.userId): Promise<number> {
    return this.transactions.run(async () => {
      if (userId !== actor.userId) {
        const target = await this.users.userOf(actor.organizationId, userId);
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
    return this.sessions.revokeAllOfUser(userId);
  }

  /** Ends every session of a user but `keep` (and the dashboard sessions started from it), inside the caller's transaction. */
  async revokeAllBut(userId: string, keep: string | null): Promise<number> {
    return this.sessions.revokeAllOfUserBut(userId, keep);
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
    await this.sessions.insert({ id: sessionId, kind, userId, organizationId, role, parentId, expiresAt: issued.expiresAt });
    return { ...issued, sessionId };
  }
}
