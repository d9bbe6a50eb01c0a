import { Factories, type MadeCompany, type MadeInternship, type MadeSchool, type SignedIn } from './support/factories';
import { eventually } from './support/receivers';
import { dataOf, type GraphqlResponse, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

/**
 * Issue #17, hours and assessment: the student logs her hours per week, the company approves or
 * rejects them (she is told), the actual hours are judged against the POK and R10–R12 (R11's
 * under-18 limits included) as findings SBB and the school see; the praktijkopleider assesses every
 * werkproces and the school confirms it; the student records her own end evaluation (R18, R19);
 * completion needs all of it.
 */
const LOG = `mutation($id: ID!, $input: LogHoursInput!) { logHours(internshipId: $id, input: $input) {
  id weekStart hoursPerDay totalHours note status reviewComment findings { rule severity field message details } } }`;
const APPROVE = 'mutation($id: ID!, $input: ReviewHoursInput) { approveHours(id: $id, input: $input) { id status reviewComment } }';
const REJECT = 'mutation($id: ID!, $input: ReviewHoursInput!) { rejectHours(id: $id, input: $input) { id status reviewComment } }';
const HOURS = `query($id: ID!) { internshipHours(internshipId: $id) { internshipId approvedHours submittedHours pokHoursPerWeek pokTotalHours hoursRequiredForCompletion
  weeks { id weekStart status totalHours findings { rule } } findings { rule severity field message details } } }`;
const SBB_FINDINGS = 'query($c: ID!) { companyCompliance(companyId: $c) { hoursFindings { internshipId findings { rule severity message details } } } }';
const INBOX = '{ notifications(first: 50) { edges { node { eventType title body subjectKind subjectId } } } }';
const RECORD_ASSESSMENT = `mutation($id: ID!, $input: RecordAssessmentInput!) { recordAssessment(internshipId: $id, input: $input) {
  status missingWerkprocessen werkprocessen { werkproces grade comment } } }`;
const CONFIRM_ASSESSMENT = 'mutation($id: ID!) { confirmAssessment(internshipId: $id) { status pokVersion missingWerkprocessen confirmedAt } }';
const ASSESSMENT = 'query($id: ID!) { internshipAssessment(internshipId: $id) { status missingWerkprocessen werkprocessen { werkproces grade comment } } }';
const EVALUATE = 'mutation($id: ID!, $input: EvaluationInput!) { recordEvaluation(internshipId: $id, input: $input) { evaluator rating } }';
const COMPLETE = 'mutation($id: ID!, $input: CompleteInternshipInput) { completeInternship(id: $id, input: $input) { status hoursShortfallReason } }';

const WERKPROCESSEN = ['B1-K1-W1', 'B1-K1-W2'];
const week = (...hours: number[]) => [...hours, 0, 0, 0, 0, 0, 0, 0].slice(0, 7);
const codeOf = (response: GraphqlResponse) => response.errors?.[0]?.extensions.code ?? null;
const evaluation = (evaluator: string) => ({ evaluator, rating: 8, satisfiedWithSchoolGuidance: true, satisfiedWithCompanyGuidance: true });

describe('hours, assessment, end evaluation and completion (issue #17)', () => {
  let t: TestApp;
  // Wednesday of the internship's second week (it runs 1 February – 30 June 2027, 32 h a week: 672 h in the POK).
  const clock = new TestClock('2027-01-10T10:00:00+01:00');
  let make: Factories;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let company: MadeCompany;
  let otherCompany: MadeCompany;
  let sbb: SignedIn;
  /** 16 on the start date (R11's under-18 limits), and 19. */
  let minor: MadeInternship;
  let adult: MadeInternship;
  let she: SignedIn;
  let he: SignedIn;
  let classmate: SignedIn;

  const log = (id: string, weekStart: string, hoursPerDay: number[], token = she.token, note?: string) => t.gql(LOG, { id, input: { weekStart, hoursPerDay, note } }, token);
  const hoursRows = (internshipId: string) => t.count(`internship_hour_weeks WHERE internship_id = '${internshipId}'`);

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    make = new Factories(t);
    [school, otherSchool, company, otherCompany, sbb] = await Promise.all([make.school(), make.school(), make.company(), make.company(), make.sbb()]);
    const placementId = await make.publishedPlacement(company, { capacity: 2, werkprocessen: WERKPROCESSEN });
    minor = await make.activeInternship(school, company, placementId, { identity: { fullName: 'Noor Jansen', dateOfBirth: '2010-09-01', email: 'noor@student.test' } });
    adult = await make.activeInternship(school, company, placementId, { identity: { fullName: 'Daan Visser', dateOfBirth: '2007-11-20', email: 'daan@student.test' } });
    [she, he, classmate] = await Promise.all([
      make.studentAccount(school, minor.student, { language: 'en' }),
      make.studentAccount(school, adult.student),
      make.student(school).then((student) => make.studentAccount(school, student)),
    ]);
    clock.set('2027-02-10T10:00:00+01:00');
  });
  afterAll(() => t.stop());

  it('she logs a week of her own internship per day and corrects it; a classmate, another school, the company and her school staff cannot log for her', async () => {
    const logged = dataOf(await log(minor.internshipId, '2027-02-01', week(8, 8, 8, 8), she.token, 'Eerste week')).logHours;
    expect(logged).toMatchObject({ weekStart: '2027-02-01', hoursPerDay: week(8, 8, 8, 8), totalHours: 32, note: 'Eerste week', status: 'SUBMITTED', findings: [] });
    const corrected = dataOf(await log(minor.internshipId, '2027-02-01', week(8, 8, 8, 7.5))).logHours;
    expect(corrected).toMatchObject({ id: logged.id, totalHours: 31.5, status: 'SUBMITTED' });

    // Not a week of the internship, not a Monday, not begun yet, a day outside the period: refused, nothing written.
    const fieldOf = (response: GraphqlResponse) => onlyError(response).extensions.fields?.[0]?.path;
    expect(fieldOf(await log(minor.internshipId, '2027-02-02', week(8)))).toBe('input.weekStart');
    expect(fieldOf(await log(minor.internshipId, '2027-01-18', week(8)))).toBe('input.weekStart');
    expect(fieldOf(await log(minor.internshipId, '2027-02-15', week(8)))).toBe('input.weekStart');
    expect(fieldOf(await log(minor.internshipId, '2027-02-08', [8, 8, 8, 8, 8, 8, 8, 8]))).toBe('input.hoursPerDay');
    // A classmate, and she on his internship: as if it did not exist.
    expect(codeOf(await log(minor.internshipId, '2027-02-08', week(8), classmate.token))).toBe('NOT_FOUND');
    expect(codeOf(await log(adult.internshipId, '2027-02-08', week(8), she.token))).toBe('NOT_FOUND');
    // Staff of her school, another school and the company are not students: the operation is not theirs.
    for (const token of [school.staff.token, otherSchool.staff.token, company.admin.token, otherCompany.admin.token, sbb.token]) {
      expect(codeOf(await log(minor.internshipId, '2027-02-08', week(8), token))).toBe('FORBIDDEN');
    }
    expect(await hoursRows(minor.internshipId)).toBe(1);

    // She, her school and the company read them; a classmate, another school and another company do not.
    for (const token of [she.token, school.staff.token, company.admin.token]) {
      expect(dataOf(await t.gql(HOURS, { id: minor.internshipId }, token)).internshipHours).toMatchObject({ submittedHours: 31.5, approvedHours: 0, weeks: [{ weekStart: '2027-02-01' }] });
    }
    for (const token of [classmate.token, otherSchool.staff.token, otherCompany.admin.token]) expect(codeOf(await t.gql(HOURS, { id: minor.internshipId }, token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(HOURS, { id: minor.internshipId }, sbb.token))).toBe('FORBIDDEN');
  });

  it('the company approves or rejects each week, a rejection only with a comment; she alone is told of a rejection, corrects the week, and an approved week is final', async () => {
    const [{ id }] = dataOf(await t.gql(HOURS, { id: minor.internshipId }, company.admin.token)).internshipHours.weeks;
    expect(onlyError(await t.gql(REJECT, { id, input: {} }, company.admin.token)).extensions.fields).toEqual([expect.objectContaining({ path: 'input.comment' })]);
    expect(onlyError(await t.gql(REJECT, { id, input: { comment: '   ' } }, company.admin.token)).extensions.code).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(REJECT, { id, input: { comment: 'Niet van jullie' } }, otherCompany.admin.token))).toBe('NOT_FOUND');
    for (const token of [she.token, school.staff.token]) expect(codeOf(await t.gql(APPROVE, { id }, token))).toBe('FORBIDDEN');
    expect(await t.count(`internship_hour_weeks WHERE id = '${id}' AND status = 'SUBMITTED'`)).toBe(1);

    const comment = 'Donderdag was je om 15:00 klaar, geen 7,5 uur';
    expect(dataOf(await t.gql(REJECT, { id, input: { comment } }, company.admin.token)).rejectHours).toEqual({ id, status: 'REJECTED', reviewComment: comment });
    const rejected = await eventually(async () =>
      dataOf(await t.gql(INBOX, {}, she.token)).notifications.edges.map((edge: any) => edge.node).find((node: any) => node.eventType === 'HOURS_REJECTED'),
    );
    // Her own text, in her language (English), with the comment and the week.
    expect(rejected).toMatchObject({ subjectKind: 'Internship', subjectId: minor.internshipId, title: 'Hours rejected: week of 2027-02-01' });
    expect(rejected.body).toContain(comment);
    for (const token of [classmate.token, he.token, school.staff.token, company.admin.token]) {
      expect(dataOf(await t.gql(INBOX, {}, token)).notifications.edges.filter((edge: any) => edge.node.eventType === 'HOURS_REJECTED')).toEqual([]);
    }

    // She corrects it: it awaits the company again; approved, it can no longer be corrected nor reviewed again.
    expect(dataOf(await log(minor.internshipId, '2027-02-01', week(8, 8, 8, 6))).logHours).toMatchObject({ id, status: 'SUBMITTED', totalHours: 30, reviewComment: null });
    expect(dataOf(await t.gql(APPROVE, { id }, company.admin.token)).approveHours).toEqual({ id, status: 'APPROVED', reviewComment: null });
    expect(codeOf(await log(minor.internshipId, '2027-02-01', week(8, 8, 8, 8)))).toBe('CONFLICT');
    expect(codeOf(await t.gql(REJECT, { id, input: { comment } }, company.admin.token))).toBe('CONFLICT');
    expect(dataOf(await t.gql(HOURS, { id: minor.internshipId }, she.token)).internshipHours).toMatchObject({ approvedHours: 30, submittedHours: 0 });
  });

  it('under 18, more than 9 h a day or 45 h a week is recorded and flagged (R11) for SBB and her school; 18+, 12 h days and a 60 h week are within R11', async () => {
    clock.set('2027-02-24T10:00:00+01:00');
    // Recorded, not refused: the week is SUBMITTED with its findings.
    const long = dataOf(await log(minor.internshipId, '2027-02-08', week(10, 8, 8, 8))).logHours;
    expect(long.status).toBe('SUBMITTED');
    expect(long.findings).toEqual([expect.objectContaining({ rule: 'R11', severity: 'BLOCK', field: 'hoursPerDay', details: expect.objectContaining({ date: '2027-02-08', hours: 10, maxDay: 9, age: 16 }) })]);
    const heavy = dataOf(await log(minor.internshipId, '2027-02-15', [9, 9, 9, 9, 9, 1, 0])).logHours;
    expect(heavy.findings).toEqual([expect.objectContaining({ rule: 'R11', details: expect.objectContaining({ totalHours: 46, maxWeek: 45 }) })]);

    const toSchool = dataOf(await t.gql(HOURS, { id: minor.internshipId }, school.staff.token)).internshipHours.findings;
    expect(toSchool.map((finding: any) => [finding.rule, finding.details.weekStart])).toEqual([
      ['R11', '2027-02-08'],
      ['R11', '2027-02-15'],
    ]);
    const toSbb = dataOf(await t.gql(SBB_FINDINGS, { c: company.id }, sbb.token)).companyCompliance.hoursFindings;
    expect(toSbb).toEqual([{ internshipId: minor.internshipId, findings: [expect.objectContaining({ rule: 'R11', severity: 'BLOCK' }), expect.objectContaining({ rule: 'R11' })] }]);
    // Another school does not see them.
    expect(codeOf(await t.gql(HOURS, { id: minor.internshipId }, otherSchool.staff.token))).toBe('NOT_FOUND');

    // He is 19: 12 h days and 60 h are what R11 allows him; no finding while the company has not approved them.
    const his = dataOf(await log(adult.internshipId, '2027-02-08', week(12, 12, 12, 12, 12), he.token)).logHours;
    expect(his.findings).toEqual([]);
    expect(dataOf(await t.gql(HOURS, { id: adult.internshipId }, school.staff.token)).internshipHours.findings).toEqual([]);
    // Approved, the week is judged against his POK (32 h, R8) and BOL's soft cap (R12), still not against R11.
    dataOf(await t.gql(APPROVE, { id: his.id, input: { comment: 'Drukke week, akkoord' } }, company.admin.token));
    const approved = dataOf(await t.gql(HOURS, { id: adult.internshipId }, school.staff.token)).internshipHours;
    expect(approved.findings.map((finding: any) => [finding.rule, finding.severity])).toEqual([
      ['R8', 'WARN'],
      ['R12', 'BLOCK'],
    ]);
    // The school reads it in Dutch (its users' language).
    expect(approved.findings[0].message).toBe('60 uur goedgekeurd in de week van 2027-02-08; de POK noemt 32 uur per week');
  });

  it('approved hours are counted against the POK total: completion needs 90% of it', async () => {
    const hours = dataOf(await t.gql(HOURS, { id: minor.internshipId }, she.token)).internshipHours;
    expect(hours).toMatchObject({ approvedHours: 30, submittedHours: 34 + 46, pokHoursPerWeek: 32, pokTotalHours: 672, hoursRequiredForCompletion: 604.8 });
  });

  it('the praktijkopleider assesses every werkproces of the POK; the school confirms it once all are, then it is final; she reads hers', async () => {
    const grade = (werkproces: string, grade = 'VOLDOENDE') => ({ werkproces, grade, comment: `Onderbouwing ${werkproces}` });
    // Only the internship's company records it.
    for (const token of [she.token, school.staff.token]) expect(codeOf(await t.gql(RECORD_ASSESSMENT, { id: minor.internshipId, input: { werkprocessen: [grade('B1-K1-W1')] } }, token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(RECORD_ASSESSMENT, { id: minor.internshipId, input: { werkprocessen: [grade('B1-K1-W1')] } }, otherCompany.admin.token))).toBe('NOT_FOUND');
    // Werkprocessen of the POK only, each with a comment.
    expect(onlyError(await t.gql(RECORD_ASSESSMENT, { id: minor.internshipId, input: { werkprocessen: [grade('B1-K1-W9')] } }, company.admin.token)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.werkprocessen.0.werkproces' }),
    ]);
    expect(codeOf(await t.gql(RECORD_ASSESSMENT, { id: minor.internshipId, input: { werkprocessen: [{ ...grade('B1-K1-W1'), comment: '' }] } }, company.admin.token))).toBe('BAD_USER_INPUT');
    expect(await t.count(`internship_assessments WHERE internship_id = '${minor.internshipId}'`)).toBe(0);

    expect(dataOf(await t.gql(RECORD_ASSESSMENT, { id: minor.internshipId, input: { werkprocessen: [grade('B1-K1-W1', 'GOED')] } }, company.admin.token)).recordAssessment).toMatchObject({
      status: 'DRAFT',
      missingWerkprocessen: ['B1-K1-W2'],
    });
    const early = onlyError(await t.gql(CONFIRM_ASSESSMENT, { id: minor.internshipId }, school.staff.token));
    expect(early.extensions.code).toBe('CONFLICT');
    expect(early.message).toContain('B1-K1-W2');
    dataOf(await t.gql(RECORD_ASSESSMENT, { id: minor.internshipId, input: { werkprocessen: [grade('B1-K1-W2', 'ONVOLDOENDE')] } }, company.admin.token));
    // Only her school confirms.
    expect(codeOf(await t.gql(CONFIRM_ASSESSMENT, { id: minor.internshipId }, otherSchool.staff.token))).toBe('NOT_FOUND');
    for (const token of [company.admin.token, she.token]) expect(codeOf(await t.gql(CONFIRM_ASSESSMENT, { id: minor.internshipId }, token))).toBe('FORBIDDEN');
    expect(dataOf(await t.gql(CONFIRM_ASSESSMENT, { id: minor.internshipId }, school.staff.token)).confirmAssessment).toMatchObject({ status: 'CONFIRMED', pokVersion: 1, missingWerkprocessen: [] });
    const [audited] = await t.dataSource.query(`SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'assessment.confirmed'`, [minor.internshipId]);
    expect(audited.after.werkprocessen).toEqual([expect.objectContaining({ werkproces: 'B1-K1-W1', grade: 'GOED' }), expect.objectContaining({ werkproces: 'B1-K1-W2', grade: 'ONVOLDOENDE' })]);
    // Final.
    expect(codeOf(await t.gql(RECORD_ASSESSMENT, { id: minor.internshipId, input: { werkprocessen: [grade('B1-K1-W2', 'GOED')] } }, company.admin.token))).toBe('CONFLICT');
    expect(codeOf(await t.gql(CONFIRM_ASSESSMENT, { id: minor.internshipId }, school.staff.token))).toBe('CONFLICT');

    expect(dataOf(await t.gql(ASSESSMENT, { id: minor.internshipId }, she.token)).internshipAssessment).toEqual({
      status: 'CONFIRMED',
      missingWerkprocessen: [],
      werkprocessen: [
        { werkproces: 'B1-K1-W1', grade: 'GOED', comment: 'Onderbouwing B1-K1-W1' },
        { werkproces: 'B1-K1-W2', grade: 'ONVOLDOENDE', comment: 'Onderbouwing B1-K1-W2' },
      ],
    });
    for (const token of [classmate.token, otherSchool.staff.token, otherCompany.admin.token]) expect(codeOf(await t.gql(ASSESSMENT, { id: minor.internshipId }, token))).toBe('NOT_FOUND');
    expect(dataOf(await t.gql(ASSESSMENT, { id: adult.internshipId }, he.token)).internshipAssessment).toBeNull();

    // Her data (GDPR art. 15) holds her weeks and her assessment, and none of a classmate's.
    const { myData } = dataOf(await t.gql('{ myData { sections { name rows } } }', {}, she.token));
    const section = (name: string) => myData.sections.find((candidate: { name: string }) => candidate.name === name).rows;
    expect(section('assessments')).toEqual([expect.objectContaining({ internshipId: minor.internshipId, status: 'CONFIRMED', werkprocessen: [expect.objectContaining({ werkproces: 'B1-K1-W1', grade: 'GOED' }), expect.objectContaining({ werkproces: 'B1-K1-W2' })] })]);
    expect(section('hours').length).toBeGreaterThan(0);
    expect(section('hours').every((week: { internshipId: string }) => week.internshipId === minor.internshipId)).toBe(true);
  });

  it('she records her own end evaluation (R18, R19); her school may not do it for her now that she has an account, nor a classmate', async () => {
    expect(onlyError(await t.gql(EVALUATE, { id: minor.internshipId, input: evaluation('STUDENT') }, school.staff.token)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.evaluator', rule: 'R19' }),
    ]);
    expect(onlyError(await t.gql(EVALUATE, { id: minor.internshipId, input: evaluation('SCHOOL') }, she.token)).extensions.fields).toEqual([expect.objectContaining({ path: 'input.evaluator' })]);
    expect(codeOf(await t.gql(EVALUATE, { id: minor.internshipId, input: evaluation('STUDENT') }, classmate.token))).toBe('NOT_FOUND');
    expect(await t.count(`internship_evaluations WHERE internship_id = '${minor.internshipId}'`)).toBe(0);
    expect(dataOf(await t.gql(EVALUATE, { id: minor.internshipId, input: evaluation('STUDENT') }, she.token)).recordEvaluation).toEqual({ evaluator: 'STUDENT', rating: 8 });
    const [{ user_id: recordedBy }] = await t.dataSource.query(
      `SELECT e.recorded_by_user_id AS user_id FROM internship_evaluations e WHERE e.internship_id = $1 AND e.evaluator = 'STUDENT'`,
      [minor.internshipId],
    );
    expect(recordedBy).toBe(she.id);
  });

  it('completion is refused, naming it and writing nothing, for each missing condition, and succeeds when all are met', async () => {
    const complete = (id: string, input?: Record<string, unknown>, token = school.staff.token) => t.gql(COMPLETE, { id, input }, token);
    const stillActive = async (id: string) => expect(await t.count(`internships WHERE id = '${id}' AND status = 'ACTIVE'`)).toBe(1);

    // Before the end date: a reason code.
    expect(onlyError(await complete(minor.internshipId)).extensions.fields).toEqual([expect.objectContaining({ path: 'input.earlyCompletionReason' })]);
    clock.set('2027-07-01T10:00:00+02:00');
    // The evaluations of praktijkopleider and school (R18).
    const evaluations = onlyError(await complete(minor.internshipId));
    expect(evaluations.extensions.code).toBe('CONFLICT');
    expect(evaluations.message).toContain('TRAINER, SCHOOL');
    dataOf(await t.gql(EVALUATE, { id: minor.internshipId, input: evaluation('SCHOOL') }, school.staff.token));
    dataOf(await t.gql(EVALUATE, { id: minor.internshipId, input: evaluation('TRAINER') }, company.admin.token));
    // The hours: 30 approved of the 604.8 needed, and no reason.
    const hours = onlyError(await complete(minor.internshipId));
    expect(hours.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'input.hoursShortfallReason', rule: 'R10' })] });
    expect(hours.message).toContain('604.8');
    await stillActive(minor.internshipId);

    // His internship: evaluations given, but the assessment not confirmed.
    dataOf(await t.gql(EVALUATE, { id: adult.internshipId, input: evaluation('STUDENT') }, he.token));
    dataOf(await t.gql(EVALUATE, { id: adult.internshipId, input: evaluation('SCHOOL') }, school.staff.token));
    dataOf(await t.gql(EVALUATE, { id: adult.internshipId, input: evaluation('TRAINER') }, company.admin.token));
    const assessment = onlyError(await complete(adult.internshipId, { hoursShortfallReason: 'Ziek in april en mei' }));
    expect(assessment.extensions.code).toBe('CONFLICT');
    expect(assessment.message).toContain('beoordeling is niet vastgesteld');
    await stillActive(adult.internshipId);
    const grades = { werkprocessen: WERKPROCESSEN.map((werkproces) => ({ werkproces, grade: 'VOLDOENDE', comment: 'Naar verwachting' })) };
    dataOf(await t.gql(RECORD_ASSESSMENT, { id: adult.internshipId, input: grades }, company.admin.token));
    dataOf(await t.gql(CONFIRM_ASSESSMENT, { id: adult.internshipId }, school.staff.token));
    // With the assessment, his 60 approved hours complete only with a reason for the shortfall, which is kept.
    expect(onlyError(await complete(adult.internshipId)).extensions.fields).toEqual([expect.objectContaining({ path: 'input.hoursShortfallReason' })]);
    expect(dataOf(await complete(adult.internshipId, { hoursShortfallReason: 'Ziek in april en mei' })).completeInternship).toEqual({ status: 'COMPLETED', hoursShortfallReason: 'Ziek in april en mei' });

    // Her weeks up to the end, approved: 30 + 34 + 46 + 18 × 32 + 24 = 710 h, enough without a reason.
    for (const weekId of dataOf(await t.gql(HOURS, { id: minor.internshipId }, company.admin.token)).internshipHours.weeks.filter((w: any) => w.status === 'SUBMITTED').map((w: any) => w.id)) {
      dataOf(await t.gql(APPROVE, { id: weekId }, company.admin.token));
    }
    for (let monday = Date.parse('2027-02-22'); monday <= Date.parse('2027-06-28'); monday += 7 * 86_400_000) {
      const weekStart = new Date(monday).toISOString().slice(0, 10);
      const { id } = dataOf(await log(minor.internshipId, weekStart, weekStart === '2027-06-28' ? week(8, 8, 8) : week(8, 8, 8, 8))).logHours;
      dataOf(await t.gql(APPROVE, { id }, company.admin.token));
    }
    expect(dataOf(await t.gql(HOURS, { id: minor.internshipId }, she.token)).internshipHours.approvedHours).toBe(30 + 34 + 46 + 18 * 32 + 24);
    expect(dataOf(await complete(minor.internshipId, undefined, company.admin.token)).completeInternship).toEqual({ status: 'COMPLETED', hoursShortfallReason: null });
    // Completed, her hours are closed.
    expect(codeOf(await log(minor.internshipId, '2027-06-28', week(8)))).toBe('CONFLICT');
  });
});
