import type { EntityManager } from 'typeorm';
import { type AuditActor, recordAudit } from '../../common/audit/audit-log';
import { hashPassword } from '../../common/auth/password-hasher';
import { MembershipRole, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError } from '../../common/errors/domain-errors';
import type { OrganizationEntity } from './organization.entity';
import { brinCodeTaken, emailTaken, insertOrganization, insertUser as insertUserRow, kvkNumberTaken } from './organizations.repository';
import type { Sector } from './sector';
import type { UserEntity } from './user.entity';
import { openInvitation, type OpenedInvitation } from './invitations/invitation-opening';

/**
 * What `createOrganization` (the API) may create. SBB and PLATFORM organizations hold the powers
 * to accredit, sanction and run the platform: they are made only by someone with database access,
 * on the command line (`npm run org:create`), never through the API.
 */
export const API_ORGANIZATION_TYPES = [OrganizationType.SCHOOL, OrganizationType.COMPANY] as const;

export interface NewUser {
  email: string;
  name: string;
  password: string;
  language?: 'nl' | 'en';
  /** For a STUDENT user: the student she is. */
  studentId?: string | null;
}

/** Whom an organization's first invitation goes to: she chooses her own password when she accepts it (issue #15). */
export interface FirstAdmin {
  email: string;
  name: string;
  language?: 'nl' | 'en';
}

export interface NewOrganization {
  type: OrganizationType;
  name: string;
  brinCode?: string;
  kvkNumber?: string;
  sector?: Sector;
  firstAdmin: FirstAdmin;
}

/**
 * The one refusal for an address that already has an account, wherever it is: in the admin's own
 * organization or in any other. It neither says that an account exists nor where, and it is word
 * for word the same in both cases (the admin sees her own organization's users in its user list
 * anyway). E-mail addresses are unique across the platform because they are the sign-in name, so
 * the refusal itself cannot be avoided.
 */
export const ADDRESS_UNAVAILABLE = 'this address cannot be used for a new account; choose another address or contact support';

/**
 * An organization and the ADMIN invitation of its first administrator, both audited (the organization
 * with `auditDetails`), inside the caller's transaction. Nobody chooses her password for her: the
 * caller sends or prints the invitation's link (`token`), valid `INVITATION_DAYS` from `now`.
 */
export async function createOrganizationWithInvitation(
  manager: EntityManager,
  actor: AuditActor,
  input: NewOrganization,
  now: Date,
  auditDetails: object = {},
): Promise<{ organization: OrganizationEntity } & OpenedInvitation> {
  checkIdentifiers(input);
  await assertUnique(manager, input);
  const email = input.firstAdmin.email.trim().toLowerCase();
  if (await emailTaken(manager, email)) throw BadUserInputError.field('input.firstAdmin.email', ADDRESS_UNAVAILABLE);
  const organization = await insertOrganization(manager, {
    type: input.type,
    name: input.name,
    brinCode: input.type === OrganizationType.SCHOOL ? input.brinCode! : null,
    kvkNumber: input.type === OrganizationType.COMPANY ? input.kvkNumber! : null,
    sector: input.type === OrganizationType.COMPANY ? input.sector! : null,
  });
  const opened = await openInvitation(manager, actor, { ...input.firstAdmin, email, organizationId: organization.id, role: MembershipRole.ADMIN }, now);
  await recordAudit(manager, actor, {
    action: 'organization.created',
    entityType: 'organization',
    entityId: organization.id,
    after: { ...organization, firstAdminInvitationId: opened.invitation.id, ...auditDetails },
  });
  return { organization, ...opened };
}

/**
 * A new user of one organization; an address already in use anywhere is refused with `ADDRESS_UNAVAILABLE`
 * (two requests for one address at once: the unique index refuses the second, as CONFLICT).
 */
export async function insertUser(manager: EntityManager, organizationId: string, input: NewUser, role: MembershipRole, emailPath: string): Promise<UserEntity> {
  const email = input.email.trim().toLowerCase();
  if (await emailTaken(manager, email)) throw BadUserInputError.field(emailPath, ADDRESS_UNAVAILABLE);
  return insertUserRow(manager, {
    organizationId,
    email,
    name: input.name,
    role,
    studentId: input.studentId ?? null,
    language: input.language ?? 'nl',
    passwordHash: await hashPassword(input.password),
  });
}

function checkIdentifiers(input: NewOrganization): void {
  if (input.type === OrganizationType.SCHOOL && !input.brinCode) {
    throw BadUserInputError.field('input.brinCode', 'a SCHOOL needs its BRIN code');
  }
  if (input.type === OrganizationType.COMPANY && !input.kvkNumber) {
    throw BadUserInputError.field('input.kvkNumber', 'a COMPANY needs its KvK number');
  }
  if (input.type === OrganizationType.COMPANY && !input.sector) {
    throw BadUserInputError.field('input.sector', 'a COMPANY needs its SBB sector');
  }
}

async function assertUnique(manager: EntityManager, input: NewOrganization): Promise<void> {
  if (input.brinCode && (await brinCodeTaken(manager, input.brinCode))) {
    throw new ConflictError(`A school with BRIN code ${input.brinCode} already exists`);
  }
  if (input.kvkNumber && (await kvkNumberTaken(manager, input.kvkNumber))) {
    throw new ConflictError(`A company with KvK number ${input.kvkNumber} already exists`);
  }
}
