import { Factories, type MadeCompany, type MadeSchool } from './support/factories';
import { dataOf, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';
import { eventually } from './support/receivers';

/** Issue #16: an internship completes on or after its end date, earlier only with a reason code; terminations carry codes. */
const CONFIRM = 'mutation($id: ID!) { confirmInternship(id: $id) { __typename ... on Internship { id pok { id } } } }';
const SIGN = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status } }';
const START = 'mutation($id: ID!) { startInternship(id: $id) { status } }';
const EVALUATE = 'mutation($id: ID!, $input: EvaluationInput!) { recordEvaluation(internshipId: $id, input: $input) { evaluator } }';
const COMPLETE = 'mutation($id: ID!, $input: CompleteInternshipInput) { completeInternship(id: $id, input: $input) { status earlyCompletionReason } }';
const TERMINATE = 'mutation($id: ID!, $input: TerminateInternshipInput!) { terminateInternship(id: $id, input: $input) { status terminationCode terminationReason meldpuntSuggested companyId } }';
const FILE_REPORT = 'mutation($input: FileDiscriminationReportInput!) { fileDiscriminationReport(input: $input) { id status } }';
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
    // The code is required; a note alone is refused and nothing changes.
    const noCode = onlyError(await t.gql(TERMINATE, { id, input: { reason: 'Opmerkingen over haar hoofddoek' } }, school.staff.token));
    expect(noCode.extensions.code).toBe('BAD_USER_INPUT');
    expect(await t.count(`internships WHERE id = '${id}' AND status = 'ACTIVE'`)).toBe(1);
    const ended = dataOf(await t.gql(TERMINATE, { id, input: { code: 'DISCRIMINATION', reason: 'Opmerkingen over haar hoofddoek' } }, school.staff.token)).terminateInternship;
    expect(ended).toEqual({ status: 'TERMINATED', terminationCode: 'DISCRIMINATION', terminationReason: 'Opmerkingen over haar hoofddoek', meldpuntSuggested: true, companyId: company.id });
    // R22: the suggested report is one call away; the internship gives the student and the company.
    const report = dataOf(
      await t.gql(FILE_REPORT, { input: { companyId: ended.companyId, internshipId: id, ground: 'RELIGION_OR_BELIEF', description: 'Opmerkingen over haar hoofddoek tijdens het werk', incidentDate: '2027-03-10' } }, school.staff.token),
    ).fileDiscriminationReport;
    expect(report.status).toBe('RECEIVED');
    expect(await t.count(`discrimination_reports WHERE internship_id = '${id}' AND student_id IS NOT NULL`)).toBe(1);
    // Both sides are told; only her school reads her name and the way to the meldpunt.
    const [{ full_name: name }] = await t.dataSource.query('SELECT si.full_name FROM internships i JOIN student_identities si ON si.student_id = i.student_id WHERE i.id = $1', [id]);
    const told = async (token: string) => {
      let found: any;
      const INBOX = '{ notifications(first: 100) { edges { node { eventType body subjectKind subjectId } } } }';
      await eventually(async () => (found = dataOf(await t.gql(INBOX, {}, token)).notifications.edges.map((e: any) => e.node).find((n: any) => n.eventType === 'INTERNSHIP_TERMINATED' && n.subjectId === id)));
      return found;
    };
    const [toSchool, toCompany] = [await told(school.staff.token), await told(company.admin.token)];
    expect(toSchool.subjectKind).toBe('Internship');
    expect(toSchool.body).toContain(name);
    expect(toSchool.body).toContain(`/meldpunt/new?internshipId=${id}`);
    expect(toCompany.body).not.toContain(name);
    expect(toCompany.body).not.toContain('meldpunt');
    // Another ends for the student's health: no meldpunt suggested.
    const other = await activeInternship();
    expect(dataOf(await t.gql(TERMINATE, { id: other, input: { code: 'HEALTH' } }, company.admin.token)).terminateInternship).toMatchObject({ terminationCode: 'HEALTH', terminationReason: null, meldpuntSuggested: false });
    const terminations = dataOf(await t.gql(TERMINATIONS, { f: { from: '2027-01-01', to: '2027-12-31' } }, school.staff.token)).terminationsReport;
    expect(terminations).toEqual({ terminated: 2, byReason: [{ reason: 'DISCRIMINATION', internships: 1 }, { reason: 'HEALTH', internships: 1 }] });
  });
});
