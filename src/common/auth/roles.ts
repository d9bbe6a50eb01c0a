import { registerEnumType } from '@nestjs/graphql';

export enum OrganizationType {
  SCHOOL = 'SCHOOL',
  COMPANY = 'COMPANY',
  SBB = 'SBB',
  PLATFORM = 'PLATFORM',
}
registerEnumType(OrganizationType, {
  name: 'OrganizationType',
  description: 'SCHOOL (MBO school, BRIN), COMPANY (leerbedrijf, KvK), SBB (auditor), PLATFORM (operator)',
});

export enum MembershipRole {
  ADMIN = 'ADMIN',
  STAFF = 'STAFF',
  /** A student of the school, signed in as herself (issue #17): invited by her school with `inviteStudent`, never with `inviteUser`. */
  STUDENT = 'STUDENT',
}
registerEnumType(MembershipRole, {
  name: 'MembershipRole',
  description: 'ADMIN may add users to its own organization; STAFF works for it; STUDENT is one of a school\'s students, signed in as herself',
});

/**
 * What an operation may be allowed to. Every signed-in member of an organization's staff holds
 * AUTHENTICATED, the role of their organization's type, and `<TYPE>_ADMIN` when they administer it.
 * A student signed in as herself holds STUDENT and nothing else: an operation is open to her only
 * where it says so (deny by default), never through AUTHENTICATED or SCHOOL.
 */
export enum Role {
  AUTHENTICATED = 'AUTHENTICATED',
  SCHOOL = 'SCHOOL',
  SCHOOL_ADMIN = 'SCHOOL_ADMIN',
  COMPANY = 'COMPANY',
  COMPANY_ADMIN = 'COMPANY_ADMIN',
  SBB = 'SBB',
  SBB_ADMIN = 'SBB_ADMIN',
  PLATFORM = 'PLATFORM',
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  STUDENT = 'STUDENT',
}

/** Anyone signed in, a student as herself too: for what every person does with her own account (sign out, password, language, inbox). */
export const SIGNED_IN = [Role.AUTHENTICATED, Role.STUDENT];

/** The signed-in user a request acts for, or an organization's API key (then `userId` is the key's id). */
export interface Actor {
  userId: string;
  organizationId: string;
  organizationType: OrganizationType;
  membershipRole: MembershipRole;
  /** Set when a system acts with an API key (`Authorization: Bearer sm_…`): audited under its name. */
  apiKey?: { id: string; name: string };
  /** Set for a student signed in as herself (membership role STUDENT): the student she is; `organizationId` is her school. */
  studentId?: string;
}

export function rolesOf(actor: Actor): Role[] {
  if (actor.membershipRole === MembershipRole.STUDENT) return actor.studentId ? [Role.STUDENT] : [];
  const roles = [Role.AUTHENTICATED, actor.organizationType as unknown as Role];
  if (actor.membershipRole === MembershipRole.ADMIN) roles.push(`${actor.organizationType}_ADMIN` as Role);
  return roles;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return rolesOf(actor).includes(role);
}
