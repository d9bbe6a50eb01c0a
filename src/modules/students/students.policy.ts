import { type Actor, OrganizationType } from '../../common/auth/roles';

/**
 * Who sees and changes a student. Her own school manages her profile and alone reads her identity
 * through the students API; a company learns who she is only through an internship, once both
 * sides accepted (R20, internships.policy.ts); anyone else does not learn that she exists
 * (NOT_FOUND, never FORBIDDEN).
 */
export const StudentsPolicy = {
  /** The school whose students `actor` manages, or null when it manages none. */
  managedSchool(actor: Actor): string | null {
    return actor.organizationType === OrganizationType.SCHOOL ? actor.organizationId : null;
  },

  mayManage(actor: Actor, student: { schoolId: string }): boolean {
    return actor.organizationType === OrganizationType.SCHOOL && student.schoolId === actor.organizationId;
  },

  /** Her identity (name, birth date, contact) through the students API: her own school only (R20). */
  maySeeIdentity(actor: Actor, student: { schoolId: string }): boolean {
    return StudentsPolicy.mayManage(actor, student);
  },
};
