import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor, MembershipRole } from '../../common/auth/roles';
import { Transactions } from '../../database/transactions';
import { actorOf } from './actor';
import type { Session } from './auth.service';
import { OrganizationsRepository } from './organizations.repository';
import { SessionsService } from './sessions.service';
import type { UserEntity } from './user.entity';

/** What an address signed in elsewhere (single sign-on) is to Stagematch, for one organization. */
export type ExternalAccount =
  | { status: 'member'; user: UserEntity; actor: Actor }
  | { status: 'deactivated'; user: UserEntity }
  /** The address belongs to a user of another organization. */
  | { status: 'elsewhere' }
  | { status: 'unknown' };

/**
 * The accounts side of signing in through an organization's own identity provider: who an
 * address is, a user created at her first sign-in, and her session, started as `login` starts one.
 */
@Injectable()
export class ExternalSignIn {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: OrganizationsRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditLog,
  ) {}

  async accountFor(organizationId: string, email: string): Promise<ExternalAccount> {
    const user = await this.users.userWithOrganizationByEmail(email);
    if (!user?.organization) return { status: 'unknown' };
    if (user.organizationId !== organizationId) return { status: 'elsewhere' };
    if (user.deactivatedAt) return { status: 'deactivated', user };
    return { status: 'member', user, actor: actorOf(user, user.organization) };
  }

  /** A user without a password (she signs in through single sign-on only), audited; joins the caller's transaction. */
  async createJustInTime(organizationId: string, details: { email: string; name: string; role: MembershipRole; issuer: string }): Promise<ExternalAccount> {
    return this.transactions.run(async () => {
      const user = await this.users.insertUser({
        organizationId,
        email: details.email.trim().toLowerCase(),
        name: details.name,
        role: details.role,
        language: 'nl',
        passwordHash: null,
        deactivatedAt: null,
      });
      const account = await this.accountFor(organizationId, user.email);
      await this.audit.record(account.status === 'member' ? account.actor : null, {
        action: 'user.added',
        entityType: 'user',
        entityId: user.id,
        after: { organizationId, email: user.email, name: user.name, role: user.role, via: 'sso', issuer: details.issuer },
      });
      return account;
    });
  }

  /** A new API session for a user who has just signed in elsewhere; null when she is gone or deactivated since. */
  async startSession(userId: string): Promise<Session | null> {
    const user = await this.users.user(userId);
    if (!user?.organization || user.deactivatedAt) return null;
    return { ...(await this.sessions.startApiSession(user)), user, actor: actorOf(user, user.organization) };
  }
}
