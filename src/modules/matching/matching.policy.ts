import { type Actor, OrganizationType } from '../../common/auth/roles';

/** The two sides of a proposal: the company, and the school answering for its student. */
export enum Side {
  COMPANY = 'COMPANY',
  SCHOOL = 'SCHOOL',
}

/**
 * Who sees and changes what in matching. A school manages its own students' lists and reads their
 * explanations; each side reads and answers its own proposals; a company never learns who a
 * candidate is before both sides accept: no student id, no school, no filter by student (R20).
 * PLATFORM opens rounds; PLATFORM and SBB read the lottery seed (they audit the tie-breaks).
 */
export const MatchingPolicy = {
  sideOf(actor: Actor): Side {
    return actor.organizationType === OrganizationType.COMPANY ? Side.COMPANY : Side.SCHOOL;
  },

  /** The proposal column that holds a side's organization. */
  proposalSideColumn(side: Side): 'companyId' | 'schoolId' {
    return side === Side.COMPANY ? 'companyId' : 'schoolId';
  },

  /** R20: a filter by student would tie a pseudonym to a student id the company learned elsewhere. */
  mayFilterProposalsByStudent(side: Side): boolean {
    return side === Side.SCHOOL;
  },

  /** The proposal's student id for her school; null for the company (R20). */
  studentIdVisibleTo(actor: Actor, proposal: { schoolId: string; studentId: string }): string | null {
    return actor.organizationId === proposal.schoolId ? proposal.studentId : null;
  },

  /** Everyone else could compute every lottery number. */
  maySeeLotterySeed(actor: Actor): boolean {
    return actor.organizationType === OrganizationType.PLATFORM || actor.organizationType === OrganizationType.SBB;
  },
};
