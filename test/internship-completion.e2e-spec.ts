import { Factories, type MadeCompany, type MadeSchool, type MadeStudent } from './support/factories';
import { dataOf, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';
import { eventually } from './support/receivers';

/**
 * Issue #16: an internship completes on or after its end date, earlier only with a reason code; terminations carry codes.
 * Issue #17: completion also needs the assessment confirmed by the school and approved hours of 90% of the POK's total (or a reason).
 */
const CONFIRM = 'mutation($id: ID!) { confirmInternship(id: $id) { __typename ... on Internship { id pok { id } } } }';
const SIGN = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status } }';
const START = 'mutation($id: ID!) { startInternship(id: $id) { status } }';
const EVALUATE = 'mutation($id: ID!, $input: EvaluationInput!) { recordEvaluation(internshipId: $id, input: $input) { evaluator } }';
const COMPLETE = 'mutation($id: ID!, $input: CompleteInternshipInput) { completeInternship(id: $id, input: $input) { status earlyCompletionReason } }';
const TERMINATE = 'mutation($id: ID!, $input: TerminateInternshipInput!) { terminateInternship(id: $id, input: $input) { status terminationCode terminationReason meldpuntSuggested companyId } }';
const FILE_REPORT = 'mutation($input: FileDiscriminationReportInput!) { fileDiscriminationReport(input: $input) { id status } }';
const RECORD_ASSESSMENT = 'mutation($id: ID!, $input: RecordAssessmentInput!) { recordAssessment(internshipId: $id, input: $input) { status } }';
const CONFIRM_ASSESSMENT = 'mutation($id: ID!) { confirmAssessment(internshipId: $id) { status } }';
const LOG_HOURS = 'mutation($id: ID!, $input: LogHoursInput!) { logHours(internshipId: $id, input: $input) { id } }';
const APPROVE_HOURS = 'mutation($id: ID!) { approveHours(id: $id) { status } }';
const TERMINATIONS = 'query($f: TerminationsFilter!) { terminationsReport(filter: $f) { terminated byReason { reason internships } } }';

describe('completing and terminating an internship (issue #16)', () => {
  let t: TestApp;
  const clock = new TestClock('2027-01-10T10:00:00+01:00');
  let make: Factories;
  let school: MadeSchool;
  let company: MadeCompany;

  /** A self-found internship (1 February – 30 June 2027), confirmed, signed and started. */
  async function activeInternship(): Promise<string> {
    return (await activeInternshipOf()).id;
  }

  async function activeInternshipOf(): Promise<{ id: string; student: MadeStudent }> {
    const { registrationId, student } = await make.registration(school, company);
    const internship = dataOf(await t.gql(CONFIRM, { id: registrationId }, company.admin.token)).confirmInternship;
    for (const party of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(SIGN, { id: internship.pok.id, party }, school.staff.token));
    dataOf(await t.gql(SIGN, { id: internship.pok.id, party: 'COMPANY' }, company.admin.token));
    dataOf(await t.gql(START, { id: internship.id }, company.admin.token));
    return { id: internship.id, student };
  }

  /** Issue #17: the praktijkopleider grades the POK's werkproces and the school confirms it. */
  async function confirmedAssessment(id: string): Promise<void> {
    const input = { werkprocessen: [{ werkproces: 'zorgplan uitvoeren', grade: 'VOLDOENDE', comment: 'Zelfstandig uitgevoerd' }] };
    dataOf(await t.gql(RECORD_ASSESSMENT, { id, input }, company.admin.token));
    dataOf(await t.gql(CONFIRM_ASSESSMENT, { id }, school.staff.token));
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
    // She has no account of her own: her school records her evaluation on her behalf (issue #17), audited as such.
    for (const evaluator of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(EVALUATE, { id, input: evaluation(evaluator) }, school.staff.token));
    expect(await t.count(`audit_log WHERE entity_id = '${id}' AND action = 'internship.evaluated_on_behalf_of_student'`)).toBe(1);
    dataOf(await t.gql(EVALUATE, { id, input: evaluation('TRAINER') }, company.admin.token));
    await confirmedAssessment(id);

    clock.set('2027-05-03T10:00:00+02:00');
    const early = onlyError(await t.gql(COMPLETE, { id }, company.admin.token));
    expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'input.earlyCompletionReason' })] });
    expect(early.message + JSON.stringify(early.extensions)).toContain('2027-06-30');
    expect(await t.count(`internships WHERE id = '${id}' AND status = 'ACTIVE'`)).toBe(1);

    // The school shortened the period: with no hours approved, the shortfall needs its reason too (issue #17, R10).
    const shortfall = onlyError(await t.gql(COMPLETE, { id, input: { earlyCompletionReason: 'PERIOD_SHORTENED_BY_SCHOOL' } }, company.admin.token));
    expect(shortfall.extensions.fields).toEqual([expect.objectContaining({ path: 'input.hoursShortfallReason', rule: 'R10' })]);
    expect(await t.count(`internships WHERE id = '${id}' AND status = 'ACTIVE'`)).toBe(1);
    const input = { earlyCompletionReason: 'PERIOD_SHORTENED_BY_SCHOOL', hoursShortfallReason: 'De school heeft de BPV-periode ingekort' };
    const done = dataOf(await t.gql(COMPLETE, { id, input }, company.admin.token)).completeInternship;
    expect(done).toEqual({ status: 'COMPLETED', earlyCompletionReason: 'PERIOD_SHORTENED_BY_SCHOOL' });
    const [audited] = await t.dataSource.query(`SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'internship.completed'`, [id]);
    expect(audited.after).toMatchObject({ earlyCompletionReason: 'PERIOD_SHORTENED_BY_SCHOOL', hoursShortfallReason: 'De school heeft de BPV-periode ingekort', approvedHours: 0 });
  });

  it('completes on the end date without a reason', async () => {
    clock.set('2027-01-10T10:00:00+01:00');
    const { id, student } = await activeInternshipOf();
    const evaluation = (evaluator: string) => ({ evaluator, rating: 8, satisfiedWithSchoolGuidance: true, satisfiedWithCompanyGuidance: true });
    // She has her own account (issue #17): she records her evaluation and logs her hours herself.
    const she = await make.studentAccount(school, student);
    dataOf(await t.gql(EVALUATE, { id, input: evaluation('STUDENT') }, she.token));
    dataOf(await t.gql(EVALUATE, { id, input: evaluation('SCHOOL') }, school.staff.token));
    dataOf(await t.gql(EVALUATE, { id, input: evaluation('TRAINER') }, company.admin.token));
    await confirmedAssessment(id);
    clock.set('2027-06-30T17:00:00+02:00');
    // Her 32 h weeks, 1 February to 30 June, approved: 20 × 32 + 24 = 664 h of the POK's 672.
    for (let monday = Date.parse('2027-02-01'); monday <= Date.parse('2027-06-28'); monday += 7 * 86_400_000) {
      const weekStart = new Date(monday).toISOString().slice(0, 10);
      const hoursPerDay = weekStart === '2027-06-28' ? [8, 8, 8, 0, 0, 0, 0] : [8, 8, 8, 8, 0, 0, 0];
      const week = dataOf(await t.gql(LOG_HOURS, { id, input: { weekStart, hoursPerDay } }, she.token)).logHours;
      dataOf(await t.gql(APPROVE_HOURS, { id: week.id }, company.admin.token));
    }
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
