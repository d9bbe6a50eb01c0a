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
}
registerEnumType(MembershipRole, { name: 'MembershipRole', description: 'ADMIN may add users to its own organization' });

/**
 * What an operation may be allowed to. Every signed-in user holds AUTHENTICATED, the role of
 * their organization's type, and `<TYPE>_ADMIN` when they administer it.
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
}

/** The signed-in user a request acts for, or an organization's API key (then `userId` is the key's id). */
export interface Actor {
  userId: string;
  organizationId: string;
  organizationType: OrganizationType;
  membershipRole: MembershipRole;
  /** Set when a system acts with an API key (`Authorization: Bearer sm_…`): audited under its name. */
  apiKey?: { id: string; name: string };
}

export function rolesOf(actor: Actor): Role[] {
  const roles = [Role.AUTHENTICATED, actor.organizationType as unknown as Role];
  if (actor.membershipRole === MembershipRole.ADMIN) roles.push(`${actor.organizationType}_ADMIN` as Role);
  return roles;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return rolesOf(actor).includes(role);
}
