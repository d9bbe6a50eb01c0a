import type { EntityManager } from 'typeorm';
import { type AuditActor, COMMAND_LINE, recordAudit } from '../../../common/audit/audit-log';
import type { MembershipRole } from '../../../common/auth/roles';
import { newSecretToken } from '../../../common/auth/secret-token';
import type { InvitationEntity } from './invitation.entity';
import { insertInvitation } from './invitations.repository';

export const INVITATION_DAYS = 7;

export interface OpenedInvitation {
  invitation: InvitationEntity;
  /** The link's secret, never stored: only its hash is. */
  token: string;
}

/** Seven days after `from`: when an invitation (last) sent then stops working. */
export function invitationExpiry(from: Date): Date {
  return new Date(from.getTime() + INVITATION_DAYS * 24 * 3600_000);
}

/** What the audit keeps of an invitation: never its token hash. */
export function visible({ tokenHash: _, organization: __, ...rest }: InvitationEntity) {
  return rest;
}

/**
 * A new open invitation, audited, in the caller's transaction: for `inviteUser`, for the first admin
 * of `createOrganization` and for `npm run org:create` (whose invitation has no inviting user).
 */
export async function openInvitation(
  manager: EntityManager,
  actor: AuditActor,
  invitee: { organizationId: string; email: string; name: string; role: MembershipRole; language?: 'nl' | 'en'; studentId?: string },
  now: Date,
): Promise<OpenedInvitation> {
  const { token, hash } = newSecretToken();
  const invitation = await insertInvitation(manager, {
    ...invitee,
    language: invitee.language ?? 'nl',
    studentId: invitee.studentId ?? null,
    tokenHash: hash,
    invitedByUserId: actor && actor !== COMMAND_LINE ? actor.userId : null,
    expiresAt: invitationExpiry(now),
    acceptedAt: null,
    userId: null,
    revokedAt: null,
  });
  await recordAudit(manager, actor, { action: 'invitation.created', entityType: 'invitation', entityId: invitation.id, after: visible(invitation) });
  return { invitation, token };
}
