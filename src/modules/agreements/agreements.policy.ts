import { type Actor, MembershipRole, OrganizationType } from '../../common/auth/roles';

type Parties = { schoolId: string; companyId: string };

/**
 * Who sees and changes an agreement. Its two parties read every version and change it; only an
 * admin of a party signs for it; SBB and the operator read all agreements and change none (those
 * mutations are not open to their roles). Anyone else does not learn it exists (NOT_FOUND).
 */
export const AgreementsPolicy = {
  isParty(actor: Actor, agreement: Parties): boolean {
    return agreement.schoolId === actor.organizationId || agreement.companyId === actor.organizationId;
  },

  mayRead(actor: Actor, agreement: Parties): boolean {
    return AgreementsPolicy.isParty(actor, agreement) || actor.organizationType === OrganizationType.SBB || actor.organizationType === OrganizationType.PLATFORM;
  },

  /** The organization whose agreements a list is narrowed to; null for SBB and the operator (all). */
  listedParty(actor: Actor): string | null {
    return actor.organizationType === OrganizationType.SCHOOL || actor.organizationType === OrganizationType.COMPANY ? actor.organizationId : null;
  },

  maySign(actor: Actor): boolean {
    return actor.membershipRole === MembershipRole.ADMIN;
  },
};
