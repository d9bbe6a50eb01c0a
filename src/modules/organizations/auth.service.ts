import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../../common/auth/password-hasher';
import type { Actor } from '../../common/auth/roles';
import { clientAddressOf } from '../../common/http/client-address';
import { UnauthenticatedError } from '../../common/errors/domain-errors';
import { API_KEY_PREFIX, ApiKeysService } from './api-keys/api-keys.service';
import { LoginThrottle } from './login-throttle.service';
import { actorOf } from './actor';
import { OrganizationsRepository } from './organizations.repository';
import { SessionKind } from './session.entity';
import { type SignedInUser, SessionsService, type StartedSession, type ValidSession } from './sessions.service';
import type { UserEntity } from './user.entity';

export interface Session extends StartedSession {
  user: UserEntity;
  actor: Actor;
}

export interface ActorResolution {
  actor: Actor | null;
  /** The API session of the token, for `logout`. */
  sessionId: string | null;
  /** The signed-in person as her session check read her (none for an API key). */
  user: SignedInUser | null;
  error: string | null;
}

/** `Authorization: Bearer sm_…`: an API key rather than a session token (built once, not per request). */
const API_KEY_HEADER = new RegExp(`^Bearer\\s+(${API_KEY_PREFIX}\\S+)$`, 'i');
const INVALID_TOKEN = 'The token is invalid, has expired or was revoked; sign in again';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: OrganizationsRepository,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Same answers, in about the same time, whether the e-mail is unknown or the password wrong: a
   * wrong password and an unknown e-mail are both UNAUTHENTICATED, and both count towards the same
   * RATE_LIMITED refusal (see LoginThrottle). `clientIp` is Express's `req.ip` (see TRUST_PROXY).
   */
  async login(email: string, password: string, clientIp: string | undefined): Promise<Session> {
    const normalized = email.trim().toLowerCase();
    const attempt = await this.throttle.begin(normalized, clientAddressOf(clientIp));
    const user = await this.users.userWithOrganizationByEmail(normalized);
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    // A deactivated user gets the same answer as a wrong password: nothing tells whether the account exists.
    if (!user?.organization || !valid || user.deactivatedAt) throw new UnauthenticatedError('Invalid e-mail or password');
    await attempt.succeeded();
    const actor = actorOf(user, user.organization);
    const session = await this.sessions.startApiSession(user);
    // Audited like a single sign-on (sso module): every sign-in, by whatever means, is in the log.
    await this.audit.record(actor, { action: 'user.signed_in', entityType: 'user', entityId: user.id, after: { method: 'password' } });
    return { ...session, user, actor };
  }

  /**
   * Resolves the `Authorization: Bearer` header of a request to the acting user and her session, or
   * to an API key (`sm_…`, rate-limited: RateLimitedError past its limit; `operation` is audited).
   */
  async resolveActor(authorization: string | undefined, operation: string | null = null): Promise<ActorResolution> {
    if (!authorization) return { actor: null, sessionId: null, user: null, error: null };
    const key = API_KEY_HEADER.exec(authorization)?.[1];
    if (key) {
      const actor = await this.apiKeys.authenticate(key, operation);
      return { actor, sessionId: null, user: null, error: actor ? null : 'The API key is unknown or was revoked' };
    }
    const session = await this.apiSession(authorization);
    if (session === undefined) return { actor: null, sessionId: null, user: null, error: 'The Authorization header must be "Bearer <token>"' };
    return session ? { actor: session.actor, sessionId: session.sessionId, user: session.user, error: null } : { actor: null, sessionId: null, user: null, error: INVALID_TOKEN };
  }

  /** The valid API session of an `Authorization: Bearer` header; null when refused, undefined when the header is malformed. */
  async apiSession(authorization: string): Promise<ValidSession | null | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!token) return undefined;
    return this.sessions.validate(token, SessionKind.API);
  }

  /** The user as she is now (her organization and role), or null when she no longer exists or is deactivated. */
  async actorFor(userId: string): Promise<Actor | null> {
    const user = await this.users.user(userId);
    return user?.organization && !user.deactivatedAt ? actorOf(user, user.organization) : null;
  }
}
