import { type Actor, OrganizationType } from '../../common/auth/roles';

/**
 * Who sees and changes an internship: its two parties, the student's school and the company
 * (anyone else gets NOT_FOUND, as for an unknown id). Once both sides accepted, the company sees
 * who the student is (R20): the internship is the one place it does.
 */
export const InternshipsPolicy = {
  isParty(actor: Actor, internship: { schoolId: string; companyId: string }): boolean {
    return internship.schoolId === actor.organizationId || internship.companyId === actor.organizationId;
  },

  /** The column that holds the actor's side of an internship, for its lists. */
  sideColumn(actor: Actor): 'companyId' | 'schoolId' {
    return actor.organizationType === OrganizationType.COMPANY ? 'companyId' : 'schoolId';
  },

  /** R20: the company reads her identity through an internship, which exists only once both sides accepted. */
  maySeeStudentIdentity(actor: Actor, internship: { schoolId: string; companyId: string }): boolean {
    return InternshipsPolicy.isParty(actor, internship);
  },
};
