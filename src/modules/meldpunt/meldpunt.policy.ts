import { type Actor, OrganizationType } from '../../common/auth/roles';

/**
 * Who sees and changes a discrimination report (R22). The reporting school and SBB read it; the
 * company it is about never does (nothing names the reporter, the school or the student to it).
 * Each step of the flow is taken by one side only: the school investigates, escalates and resolves;
 * SBB takes up what was escalated. Anyone else does not learn it exists (NOT_FOUND).
 */
export const MeldpuntPolicy = {
  mayRead(actor: Actor, report: { schoolId: string }): boolean {
    return actor.organizationType === OrganizationType.SBB || report.schoolId === actor.organizationId;
  },

  /** The school whose reports a list is narrowed to; null for SBB (all). */
  listedSchool(actor: Actor): string | null {
    return actor.organizationType === OrganizationType.SBB ? null : actor.organizationId;
  },

  /** Whether `actor`'s side takes a step that belongs to `by`. */
  mayTakeStep(actor: Actor, by: OrganizationType): boolean {
    return actor.organizationType === by;
  },
};
