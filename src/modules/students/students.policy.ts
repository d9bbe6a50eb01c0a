import { type Actor, OrganizationType } from '../../common/auth/roles';

/**
 * Who sees and changes a student. Her own school's staff manage her profile and, with the student
 * herself (signed in with her own account, issue #17), alone read her identity through the
 * students API; a company learns who she is only through an internship, once both sides accepted
 * (R20, internships.policy.ts); anyone else does not learn that she exists (NOT_FOUND, never FORBIDDEN).
 */
export const StudentsPolicy = {
  /** The school whose students `actor` manages (its staff, not its students), or null when it manages none. */
  managedSchool(actor: Actor): string | null {
    return actor.organizationType === OrganizationType.SCHOOL && !actor.studentId ? actor.organizationId : null;
  },

  mayManage(actor: Actor, student: { schoolId: string }): boolean {
    return StudentsPolicy.managedSchool(actor) === student.schoolId;
  },

  /** The student signed in as herself. */
  isHerself(actor: Actor, student: { id: string }): boolean {
    return actor.studentId !== undefined && actor.studentId === student.id;
  },

  /** Her identity (name, birth date, contact) through the students API: her own school and she herself (R20). */
  maySeeIdentity(actor: Actor, student: { id: string; schoolId: string }): boolean {
    return StudentsPolicy.mayManage(actor, student) || StudentsPolicy.isHerself(actor, student);
  },
};
