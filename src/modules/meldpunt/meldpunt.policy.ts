import { type Actor, OrganizationType } from '../../common/auth/roles';
import { NotFoundError } from '../../common/errors/domain-errors';

/**
 * Who sees and changes a discrimination report (R22). The reporting school and SBB read it; the
 * company it is about never does (nothing names the reporter, the school or the student to it).
 * Each step of the flow is taken by one side only: the school investigates, escalates and resolves;
 * SBB takes up what was escalated. Anyone else does not learn it exists (NOT_FOUND).
 */
export const MeldpuntPolicy = {
  mayRead(actor: Actor, report: { schoolId: string; studentId: string | null; filedByStudent: boolean }): boolean {
    // A student (issue #17) reads the reports she filed herself, never the rest of her school's.
    if (actor.studentId) return report.filedByStudent && report.studentId === actor.studentId;
    return actor.organizationType === OrganizationType.SBB || report.schoolId === actor.organizationId;
  },

  /** The student signed in as herself who files or reads her own reports (R22, issue #17). */
  reportingStudent(actor: Actor): string {
    if (!actor.studentId) throw new NotFoundError('Student');
    return actor.studentId;
  },

  /** The school whose reports a list is narrowed to; null for SBB (all). */
  listedSchool(actor: Actor): string | null {
    if (actor.studentId) throw new NotFoundError('Student'); // a student lists her own with myDiscriminationReports
    return actor.organizationType === OrganizationType.SBB ? null : actor.organizationId;
  },

  /** Whether `actor`'s side takes a step that belongs to `by`. */
  mayTakeStep(actor: Actor, by: OrganizationType): boolean {
    return actor.organizationType === by && !actor.studentId;
  },
};
