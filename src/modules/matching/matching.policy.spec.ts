import { type Actor, MembershipRole, OrganizationType } from '../../common/auth/roles';
import { MatchingPolicy, Side } from './matching.policy';

const school = 'school-1';
const staff: Actor = { userId: 'u1', organizationId: school, organizationType: OrganizationType.SCHOOL, membershipRole: MembershipRole.STAFF };
const herself: Actor = { userId: 'u2', organizationId: school, organizationType: OrganizationType.SCHOOL, membershipRole: MembershipRole.STUDENT, studentId: 'student-1' };
const classmate: Actor = { ...herself, userId: 'u3', studentId: 'student-2' };
const company: Actor = { userId: 'u4', organizationId: 'company-1', organizationType: OrganizationType.COMPANY, membershipRole: MembershipRole.ADMIN };
const proposal = { schoolId: school, studentId: 'student-1', companyId: 'company-1' };

describe('MatchingPolicy: the student as a side of her own proposals (issue #17)', () => {
  it('a student signed in as herself is the STUDENT side, keyed by her own id, never her school', () => {
    expect(MatchingPolicy.sideOf(herself)).toBe(Side.STUDENT);
    expect(MatchingPolicy.proposalSideColumn(Side.STUDENT)).toBe('studentId');
    expect(MatchingPolicy.proposalSideKey(herself, Side.STUDENT)).toBe('student-1');
    expect(MatchingPolicy.sideOf(staff)).toBe(Side.SCHOOL);
    expect(MatchingPolicy.proposalSideKey(staff, Side.SCHOOL)).toBe(school);
    expect(MatchingPolicy.sideOf(company)).toBe(Side.COMPANY);
  });

  it("shows the proposal's student id to her school's staff and to her, not to a classmate or the company (R20)", () => {
    expect(MatchingPolicy.studentIdVisibleTo(staff, proposal)).toBe('student-1');
    expect(MatchingPolicy.studentIdVisibleTo(herself, proposal)).toBe('student-1');
    expect(MatchingPolicy.studentIdVisibleTo(classmate, proposal)).toBeNull();
    expect(MatchingPolicy.studentIdVisibleTo(company, proposal)).toBeNull();
  });

  it("binds her by her school's lock on her list, and not her school's staff", () => {
    expect(MatchingPolicy.isBoundByLock(herself, 'student-1')).toBe(true);
    expect(MatchingPolicy.isBoundByLock(staff, 'student-1')).toBe(false);
    expect(MatchingPolicy.mayFilterProposalsByStudent(Side.COMPANY)).toBe(false);
  });
});
