import { type Actor, OrganizationType } from '../../common/auth/roles';

/**
 * Who sees and changes an internship: its two parties, the student's school and the company
 * (anyone else gets NOT_FOUND, as for an unknown id). Once both sides accepted, the company sees
 * who the student is (R20): the internship is the one place it does. A student signed in as
 * herself (issue #17) is a party to her own internships only, never to a classmate's: her actor's
 * organization is her school, so the school's test alone would let her in.
 */
export const InternshipsPolicy = {
  /**
   * Her school's staff and the company; a student signed in as herself (issue #17) only for her
   * own internship or registration, never a classmate's (her `organizationId` is her school's).
   */
  isParty(actor: Actor, internship: { schoolId: string; companyId: string; studentId: string }): boolean {
    if (actor.studentId) return internship.studentId === actor.studentId && internship.schoolId === actor.organizationId;
    return internship.schoolId === actor.organizationId || internship.companyId === actor.organizationId;
  },

  /** The student herself (issue #17). */
  isHerOwn(actor: Actor, internship: { studentId: string }): boolean {
    return actor.studentId !== undefined && internship.studentId === actor.studentId;
  },

  /** The company of the internship (its praktijkopleider's), not her school nor herself. */
  isItsCompany(actor: Actor, internship: { companyId: string }): boolean {
    return actor.organizationType === OrganizationType.COMPANY && internship.companyId === actor.organizationId;
  },

  /** Her school's staff (not a student of it). */
  isHerSchool(actor: Actor, internship: { schoolId: string }): boolean {
    return actor.studentId === undefined && actor.organizationType === OrganizationType.SCHOOL && internship.schoolId === actor.organizationId;
  },

  /** The column that holds the actor's side of an internship, for its lists; a student's is herself. */
  side(actor: Actor): { column: 'companyId' | 'schoolId' | 'studentId'; value: string } {
    if (actor.studentId) return { column: 'studentId', value: actor.studentId };
    return { column: actor.organizationType === OrganizationType.COMPANY ? 'companyId' : 'schoolId', value: actor.organizationId };
  },

  /**
   * A self-found registration the student made herself (AWAITING_SCHOOL, REJECTED_BY_SCHOOL) is
   * not the company's to see until her school approved it (issue #17).
   */
  companySees(registration: { status: string }): boolean {
    return registration.status !== 'AWAITING_SCHOOL' && registration.status !== 'REJECTED_BY_SCHOOL';
  },

  /** R20: the company reads her identity through an internship, which exists only once both sides accepted. */
  maySeeStudentIdentity(actor: Actor, internship: { schoolId: string; companyId: string; studentId: string }): boolean {
    return InternshipsPolicy.isParty(actor, internship);
  },
};
