import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../common/audit/audit-log';
import { assertAcceptablePassword } from '../../../common/auth/password-policy';
import { type Actor, hasRole, MembershipRole, Role } from '../../../common/auth/roles';
import { hashSecretToken, newSecretToken } from '../../../common/auth/secret-token';
import { Clock } from '../../../common/clock/clock';
import { BadUserInputError, NotFoundError, ownedOrNotFound } from '../../../common/errors/domain-errors';
import type { Connection, ConnectionArgs } from '../../../common/graphql/pagination';
import { Environment } from '../../../config/environment';
import { Transactions } from '../../../database/transactions';
import { Events } from '../../events/events';
import { AccountMail } from '../account-mail/account-mail';
import { invalidLink, invitationLink } from '../account-links';
import { actorOf } from '../actor';
import type { Session } from '../auth.service';
import type { AddUserInput, CreateOrganizationInput } from '../dto/organization.input';
import { ADDRESS_UNAVAILABLE, createOrganizationWithInvitation, insertUser } from '../organization-creation';
import type { OrganizationEntity } from '../organization.entity';
import { OrganizationEvent } from '../organizations.events';
import { OrganizationsRepository } from '../organizations.repository';
import { SessionsService } from '../sessions.service';
import type { InvitationEntity } from './invitation.entity';
import { invitationExpiry, openInvitation, type OpenedInvitation } from './invitation-opening';
import { InvitationsRepository, type StudentAccountStatus } from './invitations.repository';

/**
 * An organization's admin invites a colleague by e-mail with a role; the invitee follows the
 * single-use link and sets her own password (nobody sets another's). A link lasts seven days from
 * when it was (last) sent; re-sending makes a new link and ends the old one. PLATFORM admins also
 * re-send and revoke the invitations of other organizations: the first admin's, which they sent.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly invitations: InvitationsRepository,
    private readonly users: OrganizationsRepository,
    private readonly sessions: SessionsService,
    private readonly mail: AccountMail,
    private readonly audit: AuditLog,
    private readonly events: Events,
    private readonly clock: Clock,
    private readonly env: Environment,
  ) {}

  async invite(actor: Actor, input: AddUserInput): Promise<InvitationEntity> {
    return this.send(actor, await this.transactions.run(() => this.openInOwnOrganization(actor, input, 'input.email')));
  }

  /**
   * A school invites one of its students to her own STUDENT account (issue #17); the students
   * module has checked that she is the actor's school's. One open invitation per student: inviting
   * her again sends a new link (to the address given now) and, in the same transaction, ends the earlier one.
   */
  async inviteStudent(actor: Actor, invitee: { studentId: string; email: string; name: string; language?: 'nl' | 'en' }, emailPath: string): Promise<InvitationEntity> {
    const opened = await this.transactions.run(async () => {
      if (await this.users.studentHasUser(invitee.studentId)) {
        throw BadUserInputError.field('studentId', 'she has her own account already', 'STUDENT_HAS_ACCOUNT');
      }
      const open = await this.invitations.lockedOpenForStudent(invitee.studentId);
      if (open) {
        await this.invitations.update(open.id, { revokedAt: this.clock.now() });
        await this.audit.record(actor, { action: 'invitation.revoked', entityType: 'invitation', entityId: open.id, after: { replacedFor: invitee.studentId } });
      }
      return this.openInOwnOrganization(actor, { ...invitee, role: MembershipRole.STUDENT }, emailPath);
    });
    return this.send(actor, opened);
  }

  /** Per student id, whether she has her own account or an open invitation to one. */
  async studentAccounts(studentIds: readonly string[]): Promise<Map<string, StudentAccountStatus>> {
    const rows = await this.invitations.studentAccounts(studentIds);
    return new Map(rows.map((row) => [row.studentId, row.status]));
  }

  /** A new open invitation to the actor's own organization, in the caller's transaction; the e-mail is the caller's to send after the commit. */
  private async openInOwnOrganization(
    actor: Actor,
    input: { email: string; name: string; role: MembershipRole; language?: 'nl' | 'en'; studentId?: string },
    emailPath: string,
  ): Promise<OpenedInvitation> {
    const email = input.email.trim().toLowerCase();
    if (await this.users.emailInUse(email)) throw BadUserInputError.field(emailPath, ADDRESS_UNAVAILABLE);
    if (await this.invitations.openFor(actor.organizationId, email)) {
      throw BadUserInputError.field(emailPath, 'this address has an open invitation already; send it again or revoke it', 'INVITATION_OPEN');
    }
    return openInvitation(this.transactions.manager, actor, { ...input, email, organizationId: actor.organizationId }, this.clock.now());
  }

  /** PLATFORM admins: a school or company, at once, and the e-mailed ADMIN invitation of its first administrator. */
  async createOrganization(actor: Actor, input: CreateOrganizationInput): Promise<OrganizationEntity> {
    const { organization, ...opened } = await this.transactions.run(() =>
      createOrganizationWithInvitation(this.transactions.manager, actor, input, this.clock.now()),
    );
    await this.send(actor, opened);
    return organization;
  }

  /** A new link (the old one stops working) and seven days from now; also for an expired invitation. */
  async resend(actor: Actor, id: string): Promise<InvitationEntity> {
    const { invitation, token } = await this.transactions.run(async () => {
      const invitation = await this.openOf(actor, id);
      const { token, hash } = newSecretToken();
      const expiresAt = invitationExpiry(this.clock.now());
      await this.invitations.update(id, { tokenHash: hash, expiresAt });
      await this.audit.record(actor, { action: 'invitation.resent', entityType: 'invitation', entityId: id, before: { expiresAt: invitation.expiresAt }, after: { expiresAt } });
      return { invitation: { ...invitation, tokenHash: hash, expiresAt }, token };
    });
    return this.send(actor, { invitation, token });
  }

  async revoke(actor: Actor, id: string): Promise<InvitationEntity> {
    return this.transactions.run(async () => {
      const invitation = await this.openOf(actor, id);
      const revokedAt = this.clock.now();
      await this.invitations.update(id, { revokedAt });
      await this.audit.record(actor, { action: 'invitation.revoked', entityType: 'invitation', entityId: id, after: { revokedAt } });
      return { ...invitation, revokedAt };
    });
  }

  /** One invitation, for her organization's admins and PLATFORM admins (node(id)), as the organization's `invitations` lists it. */
  async find(actor: Actor, id: string): Promise<InvitationEntity> {
    const invitation = actor.apiKey ? null : await this.invitations.of(hasRole(actor, Role.PLATFORM_ADMIN) ? null : actor.organizationId, id);
    return ownedOrNotFound('Invitation', invitation);
  }

  list(organizationId: string, args: ConnectionArgs): Promise<Connection<InvitationEntity>> {
    return this.invitations.listOf(organizationId, args);
  }

  /** The invitee becomes a user with the password she chose (the password policy applies) and is signed in. */
  async accept(token: string, password: string): Promise<Session> {
    const user = await this.transactions.run(async () => {
      const invitation = await this.invitations.lockedOpenByHash(hashSecretToken(token));
      if (!invitation || invitation.expiresAt <= this.clock.now()) throw invalidLink('token');
      assertAcceptablePassword(password, 'password', invitation);
      // An address taken since the invitation was sent (another organization's invitation accepted first) is refused on `token`.
      const created = await insertUser(this.transactions.manager, invitation.organizationId, { ...invitation, password }, invitation.role, 'token');
      const user = (await this.users.user(created.id))!;
      await this.invitations.update(invitation.id, { acceptedAt: this.clock.now(), userId: user.id });
      const { passwordHash: _, organization: __, ...after } = user;
      await this.audit.record(actorOf(user, user.organization!), { action: 'invitation.accepted', entityType: 'invitation', entityId: invitation.id, after });
      await this.events.emit(OrganizationEvent.USER_ADDED, { userId: user.id });
      return user;
    });
    const actor = actorOf(user, user.organization!);
    return { ...(await this.sessions.startApiSession(user)), user, actor };
  }

  private async openOf(actor: Actor, id: string): Promise<InvitationEntity> {
    const invitation = await this.invitations.lockedOpen(hasRole(actor, Role.PLATFORM_ADMIN) ? null : actor.organizationId, id);
    if (!invitation) throw new NotFoundError('Open invitation', { field: 'id' });
    return invitation;
  }

  /** After the commit: a rolled-back invitation sends nothing. */
  private async send(actor: Actor, { invitation, token }: OpenedInvitation): Promise<InvitationEntity> {
    const [organization, inviter] = await Promise.all([this.users.organization(invitation.organizationId), this.users.user(actor.userId)]);
    await this.mail.invitation({
      to: { name: invitation.name, email: invitation.email },
      language: invitation.language,
      organizationName: organization?.name ?? '',
      invitedBy: inviter?.name ?? organization?.name ?? 'Stagematch',
      link: invitationLink(this.env.APP_URL, token),
      expiresAt: invitation.expiresAt.toISOString(),
    });
    return invitation;
  }
}
