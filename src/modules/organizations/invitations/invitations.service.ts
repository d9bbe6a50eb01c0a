import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../common/audit/audit-log';
import { assertAcceptablePassword } from '../../../common/auth/password-policy';
import type { Actor } from '../../../common/auth/roles';
import { hashSecretToken, newSecretToken } from '../../../common/auth/secret-token';
import { Clock } from '../../../common/clock/clock';
import { BadUserInputError, NotFoundError } from '../../../common/errors/domain-errors';
import type { Connection, ConnectionArgs } from '../../../common/graphql/pagination';
import { Environment } from '../../../config/environment';
import { Transactions } from '../../../database/transactions';
import { Events } from '../../events/events';
import { AccountMail } from '../account-mail/account-mail';
import { invalidLink } from '../account-links';
import { actorOf, type Session } from '../auth.service';
import type { AddUserInput } from '../dto/organization.input';
import { ADDRESS_UNAVAILABLE, insertUser } from '../organization-creation';
import { OrganizationEvent } from '../organizations.events';
import { OrganizationsRepository } from '../organizations.repository';
import { SessionsService } from '../sessions.service';
import type { InvitationEntity } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';

export const INVITATION_DAYS = 7;

/** What the audit keeps of an invitation: never its token hash. */
function visible({ tokenHash: _, organization: __, ...rest }: InvitationEntity) {
  return rest;
}

/**
 * An organization's admin invites a colleague by e-mail with a role; the invitee follows the
 * single-use link and sets her own password (nobody sets another's). A link lasts seven days from
 * when it was (last) sent; re-sending makes a new link and ends the old one.
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
    const email = input.email.trim().toLowerCase();
    const { invitation, token } = await this.transactions.run(async () => {
      if (await this.users.emailInUse(email)) throw BadUserInputError.field('input.email', ADDRESS_UNAVAILABLE);
      if (await this.invitations.openFor(actor.organizationId, email)) {
        throw BadUserInputError.field('input.email', 'this address has an open invitation already; send it again or revoke it', 'INVITATION_OPEN');
      }
      const { token, hash } = newSecretToken();
      const invitation = await this.invitations.save({
        organizationId: actor.organizationId,
        email,
        name: input.name,
        role: input.role,
        language: input.language ?? 'nl',
        tokenHash: hash,
        invitedByUserId: actor.userId,
        expiresAt: this.expiry(),
        acceptedAt: null,
        userId: null,
        revokedAt: null,
      });
      await this.audit.record(actor, { action: 'invitation.created', entityType: 'invitation', entityId: invitation.id, after: visible(invitation) });
      return { invitation, token };
    });
    await this.send(actor, invitation, token);
    return invitation;
  }

  /** A new link (the old one stops working) and seven days from now; also for an expired invitation. */
  async resend(actor: Actor, id: string): Promise<InvitationEntity> {
    const { invitation, token } = await this.transactions.run(async () => {
      const invitation = await this.openOf(actor, id);
      const { token, hash } = newSecretToken();
      const expiresAt = this.expiry();
      await this.invitations.update(id, { tokenHash: hash, expiresAt });
      await this.audit.record(actor, { action: 'invitation.resent', entityType: 'invitation', entityId: id, before: { expiresAt: invitation.expiresAt }, after: { expiresAt } });
      return { invitation: { ...invitation, tokenHash: hash, expiresAt }, token };
    });
    await this.send(actor, invitation, token);
    return invitation;
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

  list(actor: Actor, args: ConnectionArgs): Promise<Connection<InvitationEntity>> {
    return this.invitations.listOf(actor.organizationId, args);
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
    const invitation = await this.invitations.lockedOpen(actor.organizationId, id);
    if (!invitation) throw new NotFoundError('Open invitation', { field: 'id' });
    return invitation;
  }

  private expiry(): Date {
    return new Date(this.clock.now().getTime() + INVITATION_DAYS * 24 * 3600_000);
  }

  /** After the commit: a rolled-back invitation sends nothing. */
  private async send(actor: Actor, invitation: InvitationEntity, token: string): Promise<void> {
    const [organization, inviter] = await Promise.all([this.users.organization(invitation.organizationId), this.users.user(actor.userId)]);
    await this.mail.invitation({
      to: { name: invitation.name, email: invitation.email },
      language: invitation.language,
      organizationName: organization?.name ?? '',
      invitedBy: inviter?.name ?? organization?.name ?? 'Stagematch',
      link: `${this.env.APP_URL}/accept-invitation#token=${token}`,
      expiresAt: invitation.expiresAt.toISOString(),
    });
  }
}
