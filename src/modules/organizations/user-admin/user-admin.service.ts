import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../common/audit/audit-log';
import { hashPassword, verifyPassword } from '../../../common/auth/password-hasher';
import { assertAcceptablePassword } from '../../../common/auth/password-policy';
import { type Actor, MembershipRole } from '../../../common/auth/roles';
import { Clock } from '../../../common/clock/clock';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../../common/errors/domain-errors';
import { clientAddressOf } from '../../../common/http/client-address';
import { Transactions } from '../../../database/transactions';
import { LoginThrottle } from '../login-throttle.service';
import { OrganizationsRepository } from '../organizations.repository';
import { SessionsService } from '../sessions.service';
import type { UserEntity } from '../user.entity';
import type { UpdateUserInput } from './user-admin.input';

/** The rule that keeps every organization manageable. */
export const LAST_ACTIVE_ADMIN = 'LAST_ACTIVE_ADMIN';

const visible = ({ name, language, role, deactivatedAt }: UserEntity) => ({ name, language, role, deactivatedAt });

/**
 * A user changes her own password, name and language; her organization's admin also changes her
 * role and deactivates or reactivates her. A deactivated user cannot sign in and her sessions end
 * at once. The last active admin of an organization can be neither demoted nor deactivated.
 */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: OrganizationsRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * A wrong current password counts as a failed sign-in (so guessing it here is throttled like
   * `login`). Every other session of hers ends; the one she asked from stays.
   */
  async changePassword(actor: Actor, sessionId: string | null, current: string, next: string, clientIp: string | undefined): Promise<void> {
    const user = await this.users.user(actor.userId);
    if (!user) throw new NotFoundError('User');
    const attempt = await this.throttle.begin(user.email, clientAddressOf(clientIp));
    if (!user.passwordHash || !(await verifyPassword(current, user.passwordHash))) {
      throw BadUserInputError.field('currentPassword', 'currentPassword is not your current password', 'PASSWORD_WRONG');
    }
    await attempt.succeeded();
    assertAcceptablePassword(next, 'newPassword', user);
    const passwordHash = await hashPassword(next);
    await this.transactions.run(async () => {
      await this.users.update(user.id, { passwordHash });
      const revoked = await this.sessions.revokeAllBut(user.id, sessionId);
      await this.audit.record(actor, { action: 'user.password_changed', entityType: 'user', entityId: user.id, after: { otherSessionsRevoked: revoked } });
    });
  }

  /** Her own name and language; as her organization's admin, also anyone's in it and their role. */
  async update(actor: Actor, input: UpdateUserInput): Promise<UserEntity> {
    return this.transactions.run(async () => {
      const userId = input.userId ?? actor.userId;
      const admin = actor.membershipRole === MembershipRole.ADMIN;
      const user = await this.target(actor, userId);
      if (userId !== actor.userId && !admin) throw new ForbiddenError("Only an admin of her organization may change a colleague's account");
      if (input.role !== undefined && input.role !== user.role) {
        if (!admin) throw new ForbiddenError('Only an admin may change a role');
        if (user.role === MembershipRole.STUDENT) throw BadUserInputError.field('input.role', "a student's account keeps the role STUDENT", 'STUDENT_ROLE_FIXED');
        if (user.role === MembershipRole.ADMIN) await this.assertNotLastAdmin(user, 'input.role', 'demoted');
      }
      const changes = { name: input.name ?? user.name, language: input.language ?? user.language, role: input.role ?? user.role };
      await this.users.update(user.id, changes);
      const updated = { ...user, ...changes };
      // Sessions carry the role they started with: a new role ends them (see SessionsService.validate).
      if (changes.role !== user.role) await this.sessions.revokeEverySession(user.id);
      await this.audit.record(actor, { action: 'user.updated', entityType: 'user', entityId: user.id, before: visible(user), after: visible(updated) });
      return updated;
    });
  }

  async deactivate(actor: Actor, userId: string): Promise<UserEntity> {
    return this.transactions.run(async () => {
      const user = await this.target(actor, userId);
      if (user.deactivatedAt) return user;
      if (user.role === MembershipRole.ADMIN) await this.assertNotLastAdmin(user, 'userId', 'deactivated');
      const deactivatedAt = this.clock.now();
      await this.users.update(user.id, { deactivatedAt });
      const revoked = await this.sessions.revokeEverySession(user.id);
      await this.audit.record(actor, { action: 'user.deactivated', entityType: 'user', entityId: user.id, after: { deactivatedAt, sessionsRevoked: revoked } });
      return { ...user, deactivatedAt };
    });
  }

  async reactivate(actor: Actor, userId: string): Promise<UserEntity> {
    return this.transactions.run(async () => {
      const user = await this.target(actor, userId);
      if (!user.deactivatedAt) return user;
      await this.users.update(user.id, { deactivatedAt: null });
      await this.audit.record(actor, { action: 'user.reactivated', entityType: 'user', entityId: user.id, before: { deactivatedAt: user.deactivatedAt } });
      return { ...user, deactivatedAt: null };
    });
  }

  /** A user of the actor's own organization, locked; any other is NOT_FOUND, as if she did not exist. */
  private async target(actor: Actor, userId: string): Promise<UserEntity> {
    const user = await this.users.lockedUserOf(actor.organizationId, userId);
    if (!user) throw new NotFoundError('User', { field: 'userId' });
    return user;
  }

  private async assertNotLastAdmin(user: UserEntity, path: string, what: 'demoted' | 'deactivated'): Promise<void> {
    const admins = await this.users.lockActiveAdmins(user.organizationId);
    if (admins.length <= 1 && admins.includes(user.id)) {
      throw BadUserInputError.field(path, `the last active admin of an organization cannot be ${what}; make another user admin first`, LAST_ACTIVE_ADMIN);
    }
  }
}
