import { Factories, type MadeCompany, type MadeSchool, type MadeStudent, type SignedIn } from './support/factories';
import { selfFoundTerms } from './support/fixtures';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';

const REGISTER = 'mutation($input: RegisterInternshipInput!) { registerInternship(input: $input) { id status registeredByStudent studentId } }';
const APPROVE = 'mutation($id: ID!) { approveInternshipRegistration(id: $id) { id status } }';
const REJECT = 'mutation($id: ID!, $input: RejectInternshipRegistrationInput!) { rejectInternshipRegistration(id: $id, input: $input) { id status schoolRejectionReason } }';
const CONFIRM = 'mutation($id: ID!) { confirmInternship(id: $id) { __typename ... on Internship { id status studentId } ... on ComplianceRejection { code rules } } }';
const DECLINE = "mutation($id: ID!) { declineInternship(id: $id, input: { reason: PLACE_NO_LONGER_AVAILABLE }) { id } }";
const REGISTRATIONS = '{ internshipRegistrations(first: 50) { edges { node { id status schoolRejectionReason } } } }';
const MY_INTERNSHIPS = '{ internships(first: 50) { edges { node { id studentId status } } } }';
const INBOX = '{ notifications(first: 50) { edges { node { eventType body } } } }';

describe('a self-found internship the student registers herself: her school approves it before the company is asked (issue #17)', () => {
  let t: TestApp;
  let make: Factories;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let company: MadeCompany;
  let student: MadeStudent;
  let classmate: MadeStudent;
  let she: SignedIn;

  const place = (studentId: string, change: Record<string, unknown> = {}) => selfFoundTerms(studentId, company, change);
  const idsIn = async (token: string) => dataOf(await t.gql(REGISTRATIONS, {}, token)).internshipRegistrations.edges.map((edge: any) => edge.node.id);

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [school, otherSchool, company] = await Promise.all([make.school(), make.school(), make.company()]);
    [student, classmate] = await Promise.all([make.student(school), make.student(school)]);
    she = await make.studentAccount(school, student);
  });
  afterAll(() => t.stop());

  it('she registers the place for herself (not for a classmate); the company does not see it until her school approves, then confirms it', async () => {
    expect(onlyError(await t.gql(REGISTER, { input: place(classmate.id) }, she.token)).extensions.code).toBe('NOT_FOUND');
    // The same door checks as a school's registration (R8: no end before the start; R14: BOL has no employment contract).
    expect(onlyError(await t.gql(REGISTER, { input: place(student.id, { endDate: '2027-01-01' }) }, she.token)).extensions.fields).toEqual([expect.objectContaining({ path: 'input.endDate', rule: 'R8' })]);
    expect(onlyError(await t.gql(REGISTER, { input: place(student.id, { employmentContract: true }) }, she.token)).extensions.fields).toEqual([expect.objectContaining({ path: 'input.employmentContract', rule: 'R14' })]);

    const registered = dataOf(await t.gql(REGISTER, { input: place(student.id) }, she.token)).registerInternship;
    expect(registered).toMatchObject({ status: 'AWAITING_SCHOOL', registeredByStudent: true, studentId: student.id });
    const id = registered.id;

    // The company: not in its list, not to confirm or decline (the NOT_FOUND of an unknown id).
    expect(await idsIn(company.admin.token)).not.toContain(id);
    expect(onlyError(await t.gql(CONFIRM, { id }, company.admin.token)).extensions.code).toBe('NOT_FOUND');
    expect(onlyError(await t.gql(DECLINE, { id }, company.admin.token)).extensions.code).toBe('NOT_FOUND');
    // Her school is asked; she sees her own registration.
    await eventually(async () => dataOf(await t.gql(INBOX, {}, school.staff.token)).notifications.edges.some((edge: any) => edge.node.eventType === 'INTERNSHIP_AWAITING_SCHOOL'));
    expect(await idsIn(she.token)).toEqual([id]);
    expect(await idsIn(school.staff.token)).toContain(id);

    // Only her school approves: not another school, not she herself, not the company.
    expect(onlyError(await t.gql(APPROVE, { id }, otherSchool.staff.token)).extensions.code).toBe('NOT_FOUND');
    expect(onlyError(await t.gql(APPROVE, { id }, she.token)).extensions.code).toBe('FORBIDDEN');
    expect(onlyError(await t.gql(APPROVE, { id }, company.admin.token)).extensions.code).toBe('FORBIDDEN');
    expect(dataOf(await t.gql(APPROVE, { id }, school.staff.token)).approveInternshipRegistration).toEqual({ id, status: 'REQUESTED' });
    expect(onlyError(await t.gql(APPROVE, { id }, school.staff.token)).extensions.code).toBe('CONFLICT');
    const audit = await t.dataSource.query(`SELECT action, actor_role FROM audit_log WHERE entity_id = $1 ORDER BY occurred_at, id`, [id]);
    expect(audit.map((row: { action: string }) => row.action)).toEqual(['internship_registration.registered', 'internship_registration.approved_by_school']);
    expect(audit[0].actor_role).toBe('STUDENT');

    // Now the company is asked, as for a school's registration, and confirms: the rules run (R1, R5–R7, R10–R16).
    await eventually(async () => dataOf(await t.gql(INBOX, {}, company.admin.token)).notifications.edges.some((edge: any) => edge.node.eventType === 'INTERNSHIP_REQUESTED' && edge.node.body.includes(id)));
    expect(await idsIn(company.admin.token)).toContain(id);
    const internship = dataOf(await t.gql(CONFIRM, { id }, company.admin.token)).confirmInternship;
    expect(internship).toMatchObject({ __typename: 'Internship', status: 'PLANNED', studentId: student.id });
    expect(dataOf(await t.gql(MY_INTERNSHIPS, {}, she.token)).internships.edges.map((edge: any) => edge.node.id)).toEqual([internship.id]);
  });

  it('her school may reject it with a reason she reads; the company never sees it', async () => {
    const other = await make.company();
    const input = { ...place(classmate.id), branchId: other.branchId, trainerId: other.trainerId };
    const his = await make.studentAccount(school, classmate);
    const { id } = dataOf(await t.gql(REGISTER, { input }, his.token)).registerInternship;
    expect(onlyError(await t.gql(REJECT, { id, input: { reason: 'Geen erkend leerbedrijf voor jouw opleiding' } }, otherSchool.staff.token)).extensions.code).toBe('NOT_FOUND');
    expect(dataOf(await t.gql(REJECT, { id, input: { reason: 'Geen erkend leerbedrijf voor jouw opleiding' } }, school.staff.token)).rejectInternshipRegistration).toEqual({
      id,
      status: 'REJECTED_BY_SCHOOL',
      schoolRejectionReason: 'Geen erkend leerbedrijf voor jouw opleiding',
    });
    expect(onlyError(await t.gql(APPROVE, { id }, school.staff.token)).extensions.code).toBe('CONFLICT');
    const told = await eventually(async () => dataOf(await t.gql(INBOX, {}, his.token)).notifications.edges.find((edge: any) => edge.node.eventType === 'INTERNSHIP_REJECTED_BY_SCHOOL'));
    expect(told.node.body).toContain('Geen erkend leerbedrijf');
    expect(dataOf(await t.gql(INBOX, {}, she.token)).notifications.edges.filter((edge: any) => edge.node.eventType === 'INTERNSHIP_REJECTED_BY_SCHOOL')).toEqual([]);
    expect(await idsIn(other.admin.token)).not.toContain(id);
    expect(onlyError(await t.gql(CONFIRM, { id }, other.admin.token)).extensions.code).toBe('NOT_FOUND');
    expect(dataOf(await t.gql(INBOX, {}, other.admin.token)).notifications.edges.filter((edge: any) => edge.node.eventType === 'INTERNSHIP_REQUESTED')).toEqual([]);
  });
});
