import { Factories, type MadeCompany, type MadeSchool } from './support/factories';
import { eventually, startSmtpServer } from './support/receivers';
import { dataOf, type GraphqlResponse, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

/**
 * Issue #17, end to end: from her school's invitation to her completed internship, the student does
 * her own parts with her own account (preferences, answer, POK signature, hours, evaluation), and her
 * guardian signs the POK through the e-mailed link (wrong, expired, superseded and reused links refused).
 */
const APP_URL = 'https://app.stagematch.test';
const PASSWORD = 'zonnebloem-kapstok-regen-31';
const GUARDIAN = 'fatima.elamrani@guardian.test';
const WERKPROCESSEN = ['B1-K1-W1', 'B1-K1-W2'];

const ACCEPT_INVITATION = 'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token user { role studentId } } }';
const SET_MINE = `mutation($p: [ID!]!) { setMyPreferences(placementIds: $p) {
  __typename ... on StudentPreferenceList { id locked entries { rank placementId } } ... on IneligiblePreferences { message } } }`;
const MY_PROPOSALS = `{ proposals(first: 10) { edges { node { id status
  placement { title hoursPerWeek stipendMonthlyCents werkprocessen company { name } branch { city } }
  explanation { choices { rank outcome } } } } } }`;
const ANSWER = 'mutation($id: ID!, $input: AnswerProposalInput!) { answerProposal(id: $id, input: $input) { status studentAnsweredBy } }';
const MY_INTERNSHIP = '{ internships(first: 5) { edges { node { id status pok { id status guardianRequired signatures { party way } } } } } }';
const SIGN = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status } }';
const OPEN_LINK = 'query($t: String!) { guardianSigning(token: $t) { version terms { student hoursPerWeek werkprocessen } } }';
const SIGN_BY_LINK = 'mutation($t: String!) { signPokAsGuardian(token: $t) { fullySigned } }';
const RESEND = 'mutation($id: ID!) { resendGuardianSigningLink(pokId: $id) { id } }';
const LOG = 'mutation($id: ID!, $input: LogHoursInput!) { logHours(internshipId: $id, input: $input) { id status totalHours } }';
const APPROVE = 'mutation($id: ID!) { approveHours(id: $id) { status } }';
const GRADE = 'mutation($id: ID!, $input: RecordAssessmentInput!) { recordAssessment(internshipId: $id, input: $input) { status } }';
const EVALUATE = 'mutation($id: ID!, $input: EvaluationInput!) { recordEvaluation(internshipId: $id, input: $input) { evaluator } }';

const codeOf = (response: GraphqlResponse) => response.errors?.[0]?.extensions.code ?? null;
const ruleOf = (response: GraphqlResponse) => (onlyError(response).extensions.fields as { path: string; rule?: string }[])[0];
const evaluation = (evaluator: string) => ({ evaluator, rating: 8, satisfiedWithSchoolGuidance: true, satisfiedWithCompanyGuidance: true });

describe('a student from invitation to completion, doing her own parts; her guardian signs by link (issue #17)', () => {
  const clock = new TestClock('2027-01-10T10:00:00+01:00');
  let t: TestApp;
  let make: Factories;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let school: MadeSchool;
  let company: MadeCompany;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await TestApp.start({ clock, env: { SMTP_URL: smtp.url, APP_URL } });
    make = new Factories(t);
    [school, company] = await Promise.all([make.school(), make.company()]);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
  });

  const mailTo = (address: string, n: number, marker: string) =>
    eventually(() => smtp.messages.filter((mail) => JSON.stringify(mail.to).includes(address) && mail.text?.includes(marker))[n - 1]);
  const tokenIn = (text: string | undefined, path: string) => new RegExp(`${APP_URL}/${path}#token=(\\S+)`).exec(text ?? '')![1];

  it('takes her through every step herself', async () => {
    const placementId = await make.publishedPlacement(company, { capacity: 2, werkprocessen: WERKPROCESSEN });
    // 17 on the start date (1 February 2027): her guardian signs too (R8).
    const student = await make.student(school, {
      identity: { fullName: 'Yasmina El Amrani', dateOfBirth: '2009-10-03', email: 'yasmina@student.test', guardianName: 'Fatima El Amrani', guardianEmail: GUARDIAN },
    });

    // Her school invites her; she chooses her password from the e-mailed link.
    dataOf(await t.gql('mutation($s: ID!) { inviteStudent(studentId: $s) { id } }', { s: student.id }, school.staff.token));
    const invitation = await mailTo('yasmina@student.test', 1, 'accept-invitation');
    const accepted = dataOf(await t.gql(ACCEPT_INVITATION, { t: tokenIn(invitation.text, 'accept-invitation'), p: PASSWORD })).acceptInvitation;
    expect(accepted.user).toEqual({ role: 'STUDENT', studentId: student.id });
    const she = await t.login('yasmina@student.test', PASSWORD);

    // Her preferences, a match round, her proposal with the placement's public details and why.
    expect(dataOf(await t.gql(SET_MINE, { p: [placementId] }, she)).setMyPreferences).toMatchObject({ __typename: 'StudentPreferenceList', id: student.id, locked: false, entries: [{ rank: 1, placementId }] });
    const platform = await make.platformAdmin();
    const round = dataOf(await t.gql('mutation { openMatchRound(input: { periodFrom: "2027-01-01", periodTo: "2027-03-01" }) { id } }', {}, platform.token)).openMatchRound;
    await eventually(async () => dataOf(await t.gql('query($id: ID!) { matchRound(id: $id) { status } }', { id: round.id }, school.staff.token)).matchRound.status === 'COMPLETED');
    const [{ node: proposal }] = dataOf(await t.gql(MY_PROPOSALS, {}, she)).proposals.edges;
    expect(proposal).toMatchObject({ status: 'OPEN', placement: { werkprocessen: WERKPROCESSEN, company: { name: company.name }, branch: { city: 'Utrecht' } }, explanation: { choices: [{ rank: 1 }] } });

    // The company accepts (it sees her blind); so does she, herself: her school no longer answers for her.
    dataOf(await t.gql(ANSWER, { id: proposal.id, input: { accept: true } }, company.admin.token));
    expect(ruleOf(await t.gql(ANSWER, { id: proposal.id, input: { accept: true } }, school.staff.token)).rule).toBe('STUDENT_ANSWERS_HERSELF');
    expect(dataOf(await t.gql(ANSWER, { id: proposal.id, input: { accept: true } }, she)).answerProposal).toMatchObject({ studentAnsweredBy: 'STUDENT' });

    // Her internship and its POK: she signs as herself; her school and the company sign theirs.
    const [{ node: internship }] = dataOf(await t.gql(MY_INTERNSHIP, {}, she)).internships.edges;
    expect(internship).toMatchObject({ status: 'PLANNED', pok: { guardianRequired: true } });
    const pokId = internship.pok.id;
    expect(ruleOf(await t.gql(SIGN, { id: pokId, party: 'STUDENT' }, school.staff.token)).rule).toBe('STUDENT_SIGNS_HERSELF');
    dataOf(await t.gql(SIGN, { id: pokId, party: 'STUDENT' }, she));
    dataOf(await t.gql(SIGN, { id: pokId, party: 'SCHOOL' }, school.staff.token));
    dataOf(await t.gql(SIGN, { id: pokId, party: 'COMPANY' }, company.admin.token));
    expect(codeOf(await t.gql('mutation($id: ID!) { startInternship(id: $id) { status } }', { id: internship.id }, company.admin.token))).toBe('CONFLICT');

    // Her guardian's link: a wrong one and one past its 14 days are refused; the school sends a new one.
    const first = tokenIn((await mailTo(GUARDIAN, 1, 'guardian-signing')).text, 'guardian-signing');
    expect(ruleOf(await t.gql(OPEN_LINK, { t: `${first.slice(0, -4)}abcd` })).rule).toBe('LINK_INVALID');
    clock.advance({ days: 15 });
    expect(ruleOf(await t.gql(OPEN_LINK, { t: first })).rule).toBe('LINK_INVALID');
    expect(ruleOf(await t.gql(SIGN_BY_LINK, { t: first })).rule).toBe('LINK_INVALID');
    dataOf(await t.gql(RESEND, { id: pokId }, school.staff.token));
    const second = tokenIn((await mailTo(GUARDIAN, 2, 'guardian-signing')).text, 'guardian-signing');
    expect(dataOf(await t.gql(OPEN_LINK, { t: second })).guardianSigning).toMatchObject({ version: 1, terms: { student: 'Yasmina El Amrani', werkprocessen: WERKPROCESSEN } });
    expect(dataOf(await t.gql(SIGN_BY_LINK, { t: second })).signPokAsGuardian).toEqual({ fullySigned: true });
    expect(ruleOf(await t.gql(SIGN_BY_LINK, { t: second })).rule).toBe('LINK_INVALID');
    const signed = dataOf(await t.gql(MY_INTERNSHIP, {}, she)).internships.edges[0].node.pok;
    expect(signed.signatures).toEqual(expect.arrayContaining([{ party: 'STUDENT', way: 'OWN' }, { party: 'GUARDIAN', way: 'GUARDIAN_LINK' }]));

    // It starts; she logs her weeks, the company approves them and assesses every werkproces; her school confirms.
    clock.set('2027-02-01T09:00:00+01:00');
    dataOf(await t.gql('mutation($id: ID!) { startInternship(id: $id) { status } }', { id: internship.id }, company.admin.token));
    clock.set('2027-07-01T10:00:00+02:00');
    for (let monday = Date.parse('2027-02-01'); monday <= Date.parse('2027-06-28'); monday += 7 * 86_400_000) {
      const weekStart = new Date(monday).toISOString().slice(0, 10);
      const hoursPerDay = weekStart === '2027-06-28' ? [8, 8, 8, 0, 0, 0, 0] : [8, 8, 8, 8, 0, 0, 0];
      const { id } = dataOf(await t.gql(LOG, { id: internship.id, input: { weekStart, hoursPerDay } }, she)).logHours;
      dataOf(await t.gql(APPROVE, { id }, company.admin.token));
    }
    const grades = { werkprocessen: WERKPROCESSEN.map((werkproces) => ({ werkproces, grade: 'GOED', comment: 'Zelfstandig en zorgvuldig' })) };
    dataOf(await t.gql(GRADE, { id: internship.id, input: grades }, company.admin.token));
    dataOf(await t.gql('mutation($id: ID!) { confirmAssessment(internshipId: $id) { status } }', { id: internship.id }, school.staff.token));

    // The end evaluations (R18): hers by herself; her school may not record hers now that she has an account.
    expect(codeOf(await t.gql(EVALUATE, { id: internship.id, input: evaluation('STUDENT') }, school.staff.token))).not.toBeNull();
    dataOf(await t.gql(EVALUATE, { id: internship.id, input: evaluation('STUDENT') }, she));
    dataOf(await t.gql(EVALUATE, { id: internship.id, input: evaluation('SCHOOL') }, school.staff.token));
    dataOf(await t.gql(EVALUATE, { id: internship.id, input: evaluation('TRAINER') }, company.admin.token));

    const completed = dataOf(await t.gql('mutation($id: ID!) { completeInternship(id: $id) { status hoursShortfallReason } }', { id: internship.id }, school.staff.token));
    expect(completed.completeInternship).toEqual({ status: 'COMPLETED', hoursShortfallReason: null });
    expect(dataOf(await t.gql(MY_INTERNSHIP, {}, she)).internships.edges[0].node.status).toBe('COMPLETED');

    // Each record of it refetches through node(id) under its own lookup's authorization (issue #19).
    dataOf(await t.gql('mutation($id: ID!, $input: LogContactMomentInput!) { logContactMoment(internshipId: $id, input: $input) { id } }', {
      id: internship.id, input: { date: '2027-06-25', type: 'END', onSite: true, participants: ['STUDENT', 'SCHOOL', 'COMPANY'] },
    }, school.staff.token));
    const records = dataOf(await t.gql(`query($id: ID!) { internship(id: $id) { contactMoments { id } evaluations { id evaluator }
      hours { weeks { id } } } internshipAssessment(internshipId: $id) { id } }`, { id: internship.id }, school.staff.token));
    const ids = [records.internship.contactMoments[0].id, records.internship.evaluations[0].id, records.internship.hours.weeks[0].id, records.internshipAssessment.id];
    const typesFor = async (token: string) => dataOf(await t.gql('query($ids: [ID!]!) { nodes(ids: $ids) { __typename } }', { ids }, token)).nodes.map((node: { __typename: string } | null) => node?.__typename ?? null);
    expect(await typesFor(school.staff.token)).toEqual(['ContactMoment', 'InternshipEvaluation', 'HourWeek', 'InternshipAssessment']);
    expect(await typesFor(company.admin.token)).toEqual(['ContactMoment', 'InternshipEvaluation', 'HourWeek', 'InternshipAssessment']);
    expect(await typesFor(she)).toEqual([null, null, 'HourWeek', 'InternshipAssessment']);
    const stranger = await make.school();
    expect(await typesFor(stranger.staff.token)).toEqual([null, null, null, null]);

    // What she did herself is audited as hers.
    const actions = (await t.dataSource.query(`SELECT DISTINCT action FROM audit_log WHERE actor_user_id = (SELECT id FROM users WHERE student_id = $1)`, [student.id])).map((row: { action: string }) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['invitation.accepted', 'student.preferences_set', 'proposal.accepted_by_student', 'pok.signed_for_student', 'hours.logged', 'internship.evaluated']));
  }, 120_000);
});
