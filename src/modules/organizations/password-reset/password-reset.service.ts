import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../common/audit/audit-log';
import { hashPassword } from '../../../common/auth/password-hasher';
import { assertAcceptablePassword } from '../../../common/auth/password-policy';
import { hashSecretToken, newSecretToken } from '../../../common/auth/secret-token';
import { Clock } from '../../../common/clock/clock';
import { clientAddressOf } from '../../../common/http/client-address';
import { Environment } from '../../../config/environment';
import { Transactions } from '../../../database/transactions';
import { AccountMail } from '../account-mail/account-mail';
import { actorOf } from '../actor';
import { invalidLink } from '../account-links';
import { LoginThrottle } from '../login-throttle.service';
import { OrganizationsRepository } from '../organizations.repository';
import { SessionsService } from '../sessions.service';
import type { UserEntity } from '../user.entity';
import { PasswordResetsRepository } from './password-resets.repository';

export const PASSWORD_RESET_LINK_MINUTES = 60;

@Injectable()
export class PasswordResetService {
  constructor(
    private readonly transactions: Transactions,
    private readonly resets: PasswordResetsRepository,
    private readonly users: OrganizationsRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly mail: AccountMail,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly env: Environment,
  ) {}

  /**
   * The same work and answer for every address: count the request (RATE_LIMITED past the sign-in
   * limits, counted apart from sign-ins) and queue it. Whether the address has an account is looked
   * up by the worker, which mails a link only when it does.
   */
  async request(email: string, clientIp: string | undefined): Promise<void> {
    const normalized = email.trim().toLowerCase();
    await this.throttle.begin(normalized, clientAddressOf(clientIp), 'password-reset');
    await this.mail.passwordReset({ email: normalized });
  }

  /** The worker's half of a request: for an active user, a link valid one hour (audited); otherwise nothing. */
  async issue(email: string): Promise<{ user: UserEntity; link: string } | null> {
    return this.transactions.run(async () => {
      const user = await this.users.userByEmail(email);
      if (!user || user.deactivatedAt) return null;
      const { token, hash } = newSecretToken();
      const expiresAt = new Date(this.clock.now().getTime() + PASSWORD_RESET_LINK_MINUTES * 60_000);
      await this.resets.insert(user.id, hash, expiresAt);
      await this.audit.record(null, { action: 'user.password_reset_requested', entityType: 'user', entityId: user.id, after: { expiresAt } });
      return { user, link: `${this.env.APP_URL}/reset-password#token=${token}` };
    });
  }

  /** Sets her new password, ends every link of hers and every session she has. */
  async reset(token: string, password: string): Promise<void> {
    await this.transactions.run(async () => {
      const now = this.clock.now();
      const reset = await this.resets.unusedByHash(hashSecretToken(token));
      const user = reset && reset.expiresAt > now ? await this.users.user(reset.userId) : null;
      if (!user || user.deactivatedAt) throw invalidLink('token');
      assertAcceptablePassword(password, 'password', user);
      await this.users.update(user.id, { passwordHash: await hashPassword(password) });
      await this.resets.useAllOf(user.id, now);
      const revoked = await this.sessions.revokeEverySession(user.id);
      await this.audit.record(actorOf(user, user.organization!), { action: 'user.password_reset', entityType: 'user', entityId: user.id, after: { sessionsRevoked: revoked } });
    });
  }
}
