import { Factories, type MadeCompany, type MadeSchool } from './support/factories';
import { dataOf, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

/** Issue #16: an internship completes on or after its end date, earlier only with a reason code; terminations carry codes. */
const CONFIRM = 'mutation($id: ID!) { confirmInternship(id: $id) { __typename ... on Internship { id pok { id } } } }';
const SIGN = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status } }';
const START = 'mutation($id: ID!) { startInternship(id: $id) { status } }';
const EVALUATE = 'mutation($id: ID!, $input: EvaluationInput!) { recordEvaluation(internshipId: $id, input: $input) { evaluator } }';
const COMPLETE = 'mutation($id: ID!, $input: CompleteInternshipInput) { completeInternship(id: $id, input: $input) { status earlyCompletionReason } }';
const TERMINATE = 'mutation($id: ID!, $input: TerminateInternshipInput!) { terminateInternship(id: $id, input: $input) { status terminationCode terminationReason } }';
const TERMINATIONS = 'query($f: TerminationsFilter!) { terminationsReport(filter: $f) { terminated byReason { reason internships } } }';

describe('completing and terminating an internship (issue #16)', () => {
  let t: TestApp;
  const clock = new TestClock('2027-01-10T10:00:00+01:00');
  let make: Factories;
  let school: MadeSchool;
  let company: MadeCompany;

  /** A self-found internship (1 February – 30 June 2027), confirmed, signed and started. */
  async function activeInternship(): Promise<string> {
    const { registrationId } = await make.registration(school, company);
    const internship = dataOf(await t.gql(CONFIRM, { id: registrationId }, company.admin.token)).confirmInternship;
    for (const party of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(SIGN, { id: internship.pok.id, party }, school.staff.token));
    dataOf(await t.gql(SIGN, { id: internship.pok.id, party: 'COMPANY' }, company.admin.token));
    dataOf(await t.gql(START, { id: internship.id }, company.admin.token));
    return internship.id;
  }

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    make = new Factories(t);
    [school, company] = await Promise.all([make.school(), make.company()]);
  });
  afterAll(() => t.stop());

  it('refuses to complete before the end date without a reason code, writing nothing; with one it completes and audits the reason', async () => {
    const id = await activeInternship();
    const evaluation = (evaluator: string) => ({ evaluator, rating: 7, satisfiedWithSchoolGuidance: true, satisfiedWithCompanyGuidance: true });
    for (const evaluator of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(EVALUATE, { id, input: evaluation(evaluator) }, school.staff.token));
    dataOf(await t.gql(EVALUATE, { id, input: evaluation('TRAINER') }, company.admin.token));

    clock.set('2027-05-03T10:00:00+02:00');
    const early = onlyError(await t.gql(COMPLETE, { id }, company.admin.token));
    expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'input.earlyCompletionReason' })] });
    expect(early.message + JSON.stringify(early.extensions)).toContain('2027-06-30');
    expect(await t.count(`internships WHERE id = '${id}' AND status = 'ACTIVE'`)).toBe(1);

    const done = dataOf(await t.gql(COMPLETE, { id, input: { earlyCompletionReason: 'HOURS_COMPLETED' } }, company.admin.token)).completeInternship;
    expect(done).toEqual({ status: 'COMPLETED', earlyCompletionReason: 'HOURS_COMPLETED' });
    const [audited] = await t.dataSource.query(`SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'internship.completed'`, [id]);
    expect(audited.after).toMatchObject({ earlyCompletionReason: 'HOURS_COMPLETED' });
  });

  it('completes on the end date without a reason', async () => {
    clock.set('2027-01-10T10:00:00+01:00');
    const id = await activeInternship();
    const evaluation = (evaluator: string) => ({ evaluator, rating: 8, satisfiedWithSchoolGuidance: true, satisfiedWithCompanyGuidance: true });
    for (const evaluator of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(EVALUATE, { id, input: evaluation(evaluator) }, school.staff.token));
    dataOf(await t.gql(EVALUATE, { id, input: evaluation('TRAINER') }, company.admin.token));
    clock.set('2027-06-30T17:00:00+02:00');
    expect(dataOf(await t.gql(COMPLETE, { id }, school.staff.token)).completeInternship).toEqual({ status: 'COMPLETED', earlyCompletionReason: null });
  });

  it('terminates with a code and an optional note; the terminations report counts the codes, self-found internships included', async () => {
    clock.set('2027-03-15T10:00:00+01:00');
    const id = await activeInternship();
    const ended = dataOf(await t.gql(TERMINATE, { id, input: { code: 'DISCRIMINATION', reason: 'Opmerkingen over haar hoofddoek' } }, school.staff.token)).terminateInternship;
    expect(ended).toEqual({ status: 'TERMINATED', terminationCode: 'DISCRIMINATION', terminationReason: 'Opmerkingen over haar hoofddoek' });
    const report = dataOf(await t.gql(TERMINATIONS, { f: { from: '2027-01-01', to: '2027-12-31' } }, school.staff.token)).terminationsReport;
    expect(report).toEqual({ terminated: 1, byReason: [{ reason: 'DISCRIMINATION', internships: 1 }] });
  });
});
