import { type Actor, OrganizationType } from '../../common/auth/roles';

/**
 * Who sees and changes a school task: the school it is for reads and completes it; SBB and the
 * operator read every school's and complete none. Another school's task is NOT_FOUND.
 */
export const SchoolTasksPolicy = {
  /** The school whose tasks a list is narrowed to; null for SBB and the operator (all). */
  listedSchool(actor: Actor): string | null {
    return actor.organizationType === OrganizationType.SCHOOL ? actor.organizationId : null;
  },

  /** The school whose tasks `actor` may complete. */
  completingSchool(actor: Actor): string {
    return actor.organizationId;
  },
};
