import { type Actor, OrganizationType } from '../../common/auth/roles';
import { StudentsPolicy } from '../students/students.policy';

/**
 * The sides of a proposal: the company; the school, answering for a student without an account of
 * her own; and the student herself, signed in with her own account (issue #17).
 */
export enum Side {
  COMPANY = 'COMPANY',
  SCHOOL = 'SCHOOL',
  STUDENT = 'STUDENT',
}

/**
 * Who sees and changes what in matching. A school manages its own students' lists and reads their
 * explanations; each side reads and answers its own proposals; a student reads and answers only
 * her own (and reads and sets only her own list, unless her school locked it); a company never
 * learns who a candidate is before both sides accept: no student id, no school, no filter by
 * student (R20). PLATFORM opens rounds; PLATFORM and SBB read the lottery seed (they audit the
 * tie-breaks).
 */
export const MatchingPolicy = {
  sideOf(actor: Actor): Side {
    if (actor.studentId) return Side.STUDENT;
    return actor.organizationType === OrganizationType.COMPANY ? Side.COMPANY : Side.SCHOOL;
  },

  /** The proposal column that holds a side's organization (or, for the student, her own id). */
  proposalSideColumn(side: Side): 'companyId' | 'schoolId' | 'studentId' {
    return side === Side.COMPANY ? 'companyId' : side === Side.SCHOOL ? 'schoolId' : 'studentId';
  },

  /** The value of `proposalSideColumn(side)` that is the actor's: her organization, or the student she is. */
  proposalSideKey(actor: Actor, side: Side): string {
    return side === Side.STUDENT ? actor.studentId! : actor.organizationId;
  },

  /** R20: a filter by student would tie a pseudonym to a student id the company learned elsewhere. */
  mayFilterProposalsByStudent(side: Side): boolean {
    return side !== Side.COMPANY;
  },

  /** The proposal's student id for her school's staff and for herself; null for the company (R20). */
  studentIdVisibleTo(actor: Actor, proposal: { schoolId: string; studentId: string }): string | null {
    return StudentsPolicy.mayManage(actor, proposal) || StudentsPolicy.isHerself(actor, { id: proposal.studentId }) ? proposal.studentId : null;
  },

  /** Her own list, herself: refused while her school has locked it; her school's staff change it regardless. */
  isBoundByLock(actor: Actor, studentId: string): boolean {
    return StudentsPolicy.isHerself(actor, { id: studentId });
  },

  /** Everyone else could compute every lottery number. */
  maySeeLotterySeed(actor: Actor): boolean {
    return actor.organizationType === OrganizationType.PLATFORM || actor.organizationType === OrganizationType.SBB;
  },
};
