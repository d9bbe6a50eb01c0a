import { GuidanceService } from '../src/modules/internships/guidance.service';
import { Factories, type MadeSchool, type MadeStudent, type SignedIn } from './support/factories';
import { eventually, startSmtpServer } from './support/receivers';
import { dataOf, type GraphqlResponse, onlyError, TestApp } from './support/test-app';

const APP_URL = 'https://app.stagematch.test';
const INVITE_STUDENT = 'mutation($s: ID!, $e: String) { inviteStudent(studentId: $s, email: $e) { id email role status } }';
const ACCEPT = 'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token user { id role studentId organizationId } } }';
const ME = '{ me { id role studentId organization { id name } } }';
const MY_STUDENT = '{ myStudent { id schoolId crebo identity { fullName dateOfBirth email } } }';
const ACCOUNT = 'query($id: ID!) { student(id: $id) { id account } }';
const STUDENT = 'query($id: ID!) { student(id: $id) { id identity { fullName } } }';
const STUDENTS = '{ students(first: 10) { totalCount } }';
const UPDATE_USER = 'mutation($input: UpdateUserInput!) { updateUser(input: $input) { id role language } }';
const INVITE_USER = 'mutation($input: AddUserInput!) { inviteUser(input: $input) { id } }';
const NOTIFICATIONS = '{ notifications(first: 50) { totalCount } }';
const CREATE_STUDENT = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }';

describe('a student as a user (issue #17): her own account, and nothing that is not hers', () => {
  let t: TestApp;
  let make: Factories;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let student: MadeStudent;
  let classmate: MadeStudent;
  let she: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await TestApp.start({ env: { SMTP_URL: smtp.url, APP_URL } });
    make = new Factories(t);
    [school, otherSchool] = await Promise.all([make.school(), make.school()]);
    [student, classmate] = await Promise.all([make.student(school), make.student(school)]);
    she = await make.studentAccount(school, student);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
  });

  const codeOf = (response: GraphqlResponse) => response.errors?.[0]?.extensions.code ?? null;

  it('her school invites her by e-mail; she chooses her password from the link and is signed in as herself, role STUDENT', async () => {
    const newcomer = await make.student(school);
    expect(dataOf(await t.gql(ACCOUNT, { id: newcomer.id }, school.staff.token)).student.account).toBe('NONE');
    const invitation = dataOf(await t.gql(INVITE_STUDENT, { s: newcomer.id }, school.staff.token)).inviteStudent;
    expect(invitation).toMatchObject({ email: newcomer.identity.email, role: 'STUDENT', status: 'OPEN' });
    expect(dataOf(await t.gql(ACCOUNT, { id: newcomer.id }, school.staff.token)).student.account).toBe('INVITED');

    const message = await eventually(() => smtp.messages.find((mail) => mail.text?.includes('accept-invitation') && JSON.stringify(mail.to).includes(newcomer.identity.email)));
    const token = /accept-invitation#token=(\S+)/.exec(message.text ?? '')![1];
    const accepted = dataOf(await t.gql(ACCEPT, { t: token, p: 'zonnebloem-kapstok-regen-31' })).acceptInvitation;
    expect(accepted.user).toMatchObject({ role: 'STUDENT', studentId: newcomer.id, organizationId: school.id });
    expect(dataOf(await t.gql(ME, {}, accepted.token)).me).toMatchObject({ role: 'STUDENT', studentId: newcomer.id, organization: { id: school.id } });
    expect(dataOf(await t.gql(ACCOUNT, { id: newcomer.id }, school.staff.token)).student.account).toBe('ACTIVE');
    expect(onlyError(await t.gql(INVITE_STUDENT, { s: newcomer.id }, school.staff.token)).extensions.fields?.[0]).toMatchObject({ path: 'studentId', rule: 'STUDENT_HAS_ACCOUNT' });
  });

  it('inviting her again sends a new link and ends the old one; another school cannot invite her', async () => {
    const newcomer = await make.student(school);
    await t.gql(INVITE_STUDENT, { s: newcomer.id }, school.staff.token);
    const first = await eventually(() => smtp.messages.find((mail) => JSON.stringify(mail.to).includes(newcomer.identity.email)));
    const second = dataOf(await t.gql(INVITE_STUDENT, { s: newcomer.id, e: `nieuw-${newcomer.identity.email}` }, school.staff.token)).inviteStudent;
    expect(second.email).toBe(`nieuw-${newcomer.identity.email}`);
    const oldToken = /accept-invitation#token=(\S+)/.exec(first.text ?? '')![1];
    expect(onlyError(await t.gql(ACCEPT, { t: oldToken, p: 'zonnebloem-kapstok-regen-31' })).extensions.fields?.[0]).toMatchObject({ rule: 'LINK_INVALID' });
    expect(codeOf(await t.gql(INVITE_STUDENT, { s: newcomer.id }, otherSchool.staff.token))).toBe('NOT_FOUND');

    // Inviting her again to an address that is taken is refused, and her open invitation still stands.
    expect(onlyError(await t.gql(INVITE_STUDENT, { s: newcomer.id, e: school.staff.email }, school.staff.token)).extensions.fields?.[0]).toMatchObject({ path: 'email' });
    expect(dataOf(await t.gql(ACCOUNT, { id: newcomer.id }, school.staff.token)).student.account).toBe('INVITED');
  });

  it('she reads her own profile with her identity', async () => {
    expect(dataOf(await t.gql(MY_STUDENT, {}, she.token)).myStudent).toMatchObject({ id: student.id, schoolId: school.id, identity: student.identity });
  });

  it("she reaches no other student, not even a classmate, and none of her school's staff operations", async () => {
    expect(codeOf(await t.gql(STUDENT, { id: classmate.id }, she.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(STUDENT, { id: student.id }, she.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(STUDENTS, {}, she.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(INVITE_STUDENT, { s: classmate.id }, she.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(CREATE_STUDENT, { input: {} }, she.token))).not.toBeNull();
    expect(codeOf(await t.gql(INVITE_USER, { input: { email: 'x@school.test', name: 'X', role: 'STAFF' } }, she.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql('{ organizations(first: 5) { totalCount } }', {}, she.token))).toBe('FORBIDDEN');
  });

  it('her account keeps the role STUDENT: neither she nor her admin makes staff of it, and no one invites a STUDENT with inviteUser', async () => {
    expect(dataOf(await t.gql(UPDATE_USER, { input: { language: 'en' } }, she.token)).updateUser).toMatchObject({ role: 'STUDENT', language: 'en' });
    expect(codeOf(await t.gql(UPDATE_USER, { input: { role: 'ADMIN' } }, she.token))).toBe('FORBIDDEN');
    expect(onlyError(await t.gql(UPDATE_USER, { input: { userId: she.id, role: 'STAFF' } }, school.admin.token)).extensions.fields?.[0]).toMatchObject({ path: 'input.role' });
    expect(onlyError(await t.gql(INVITE_USER, { input: { email: 'leerling@school.test', name: 'L', role: 'STUDENT' } }, school.admin.token)).extensions.fields?.[0]).toMatchObject({ path: 'input.role' });
    expect(dataOf(await t.gql(ME, {}, she.token)).me.role).toBe('STUDENT');
  });

  it('three days before her internship starts she is reminded, once, on her own account; her classmate and the staff are not', async () => {
    const company = await make.company();
    const placementId = await make.publishedPlacement(company, { capacity: 2 });
    const { student: intern, internshipId } = await make.internship(school, company, placementId);
    const account = await make.studentAccount(school, intern, { language: 'en' });
    const { internship } = dataOf(await t.gql('query($id: ID!) { internship(id: $id) { startDate } }', { id: internshipId }, school.staff.token));
    const day = (offset: number) => new Date(Date.parse(`${internship.startDate}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const guidance = t.app.get(GuidanceService);
    const reminders = async (token: string) =>
      dataOf(await t.gql('{ notifications(first: 50) { edges { node { eventType subjectId title } } } }', {}, token)).notifications.edges
        .map((edge: any) => edge.node).filter((node: any) => node.eventType === 'INTERNSHIP_STARTING');

    await guidance.remindOfStart(day(-4));
    await guidance.remindOfStart(day(-3));
    await guidance.remindOfStart(day(-2));
    await t.eventsDispatched();
    expect(await reminders(account.token)).toEqual([{ eventType: 'INTERNSHIP_STARTING', subjectId: internshipId, title: expect.stringContaining(`Your internship starts on ${internship.startDate}`) }]);
    expect(await reminders(she.token)).toEqual([]);
    expect(await reminders(school.staff.token)).toEqual([]);
    expect(await reminders(company.admin.token)).toEqual([]);
  });

  it("what her school is told is its staff's news, not hers: an event told to the school reaches its staff and not its students' accounts", async () => {
    const company = await make.company();
    const { registrationId } = await make.registration(school, company);
    dataOf(await t.gql('mutation($id: ID!) { withdrawInternshipRegistration(id: $id) { status } }', { id: registrationId }, company.admin.token));
    await eventually(async () => dataOf(await t.gql(NOTIFICATIONS, {}, school.staff.token)).notifications.totalCount > 0);
    expect(dataOf(await t.gql(NOTIFICATIONS, {}, she.token)).notifications.totalCount).toBe(0);
  });
});
