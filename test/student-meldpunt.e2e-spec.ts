import { Factories, type MadeCompany, type MadeInternship, type MadeSchool, type SignedIn } from './support/factories';
import { eventually } from './support/receivers';
import { dataOf, type GraphqlResponse, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

const REPORT = 'id status schoolId studentId companyId placementId internshipId ground filedByStudent shareIdentityWithCompany reportedByUserId company { name }';
const FILE_MINE = `mutation($input: FileMyDiscriminationReportInput!) { fileMyDiscriminationReport(input: $input) { ${REPORT} } }`;
const MINE = '{ myDiscriminationReports(first: 20) { totalCount edges { node { id status filedByStudent resolutionNote sanction } } } }';
const READ = 'query($id: ID!) { discriminationReport(id: $id) { id status studentId filedByStudent shareIdentityWithCompany } }';
const INVESTIGATE = 'mutation($id: ID!) { investigateDiscriminationReport(id: $id) { id status } }';
const ESCALATE = 'mutation($id: ID!) { escalateDiscriminationReport(id: $id) { id status } }';
const SANCTION = 'mutation($id: ID!, $input: SanctionInput!) { sanctionDiscriminationReport(id: $id, input: $input) { id status } }';
const TASKS = '{ schoolTasks(first: 50, filter: { kind: AFTERCARE }) { edges { node { kind status studentId reportId createdByUserId } } } }';
const INBOX = '{ notifications(first: 100) { edges { node { eventType title body subjectId } } } }';
const AUDIT = 'query($f: AuditLogFilter) { auditLog(filter: $f, first: 20) { edges { node { action actorUserId actorRole after } } } }';

/**
 * R22, issue #17: the student files a discrimination report herself and follows it; her school's
 * meldpunt takes it up (and gets an AFTERCARE task for her); the company never learns who filed it
 * unless she agreed (`shareIdentityWithCompany`): not from the report, a message, a sanction or the audit log.
 */
describe('a student reports discrimination herself (R22, issue #17)', () => {
  let t: TestApp;
  const clock = new TestClock();
  let make: Factories;
  let school: MadeSchool;
  let company: MadeCompany;
  let other: MadeCompany;
  let sbb: SignedIn;
  let internship: MadeInternship;
  let she: SignedIn;

  const codeOf = (response: GraphqlResponse) => response.errors?.[0]?.extensions.code ?? null;
  const nodes = (connection: { edges: { node: any }[] }) => connection.edges.map((edge) => edge.node);
  const valid = (change: Record<string, unknown> = {}) => ({
    companyId: company.id,
    ground: 'RACE_OR_ORIGIN',
    description: 'Bij de kennismaking zei de praktijkopleider dat klanten liever geen stagiair met een hoofddoek zien.',
    incidentDate: '2026-11-16',
    ...change,
  });
  const file = async (input: Record<string, unknown>) => dataOf(await t.gql(FILE_MINE, { input }, she.token)).fileMyDiscriminationReport;
  /** The school takes it to SBB and SBB warns the company; resolves to the company admins' COMPANY_WARNED notifications. */
  const warn = async (reportId: string, reason: string) => {
    dataOf(await t.gql(INVESTIGATE, { id: reportId }, school.staff.token));
    dataOf(await t.gql(ESCALATE, { id: reportId }, school.staff.token));
    dataOf(await t.gql(SANCTION, { id: reportId, input: { sanction: 'WARNING', reason } }, sbb.token));
    return eventually(async () => {
      const warned = nodes(dataOf(await t.gql(INBOX, {}, company.admin.token)).notifications).filter((n: any) => n.eventType === 'COMPANY_WARNED' && n.body.includes(reason));
      return warned.length ? warned[0] : null;
    });
  };

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    make = new Factories(t);
    [school, company, other, sbb] = await Promise.all([make.school(), make.company(), make.company(), make.sbb()]);
    internship = await make.internship(school, company, await make.publishedPlacement(company));
    she = await make.studentAccount(school, internship.student);
  }, 120_000);
  afterAll(() => t.stop());

  it('she files a report about her internship: RECEIVED, hers, identity not shared; her school reads it and gets an AFTERCARE task for her', async () => {
    const report = await file(valid({ internshipId: internship.internshipId }));
    expect(report).toMatchObject({
      status: 'RECEIVED',
      schoolId: school.id,
      studentId: internship.student.id,
      companyId: company.id,
      internshipId: internship.internshipId,
      placementId: expect.any(String),
      filedByStudent: true,
      shareIdentityWithCompany: false,
      reportedByUserId: she.id,
      company: { name: company.name },
    });
    expect(dataOf(await t.gql(READ, { id: report.id }, school.staff.token)).discriminationReport).toMatchObject({ id: report.id, filedByStudent: true, studentId: internship.student.id });
    const tasks = nodes(dataOf(await t.gql(TASKS, {}, school.staff.token)).schoolTasks).filter((task: any) => task.reportId === report.id);
    expect(tasks).toEqual([{ kind: 'AFTERCARE', status: 'OPEN', studentId: internship.student.id, reportId: report.id, createdByUserId: she.id }]);
    const [filed] = nodes(dataOf(await t.gql(AUDIT, { f: { entityType: 'discrimination_report', entityId: report.id } }, sbb.token)).auditLog);
    expect(filed).toMatchObject({ action: 'discrimination_report.filed', actorUserId: she.id });
  });

  it('she follows her reports and their status, and takes none of the meldpunt’s steps herself', async () => {
    const report = await file(valid({ companyId: other.id, ground: 'GENDER' }));
    expect(nodes(dataOf(await t.gql(MINE, {}, she.token)).myDiscriminationReports)[0]).toMatchObject({ id: report.id, status: 'RECEIVED', filedByStudent: true });
    dataOf(await t.gql(INVESTIGATE, { id: report.id }, school.staff.token));
    expect(nodes(dataOf(await t.gql(MINE, {}, she.token)).myDiscriminationReports).find((node: any) => node.id === report.id).status).toBe('INVESTIGATING');
    // She hears of the step on her own account, in her words; the note the school keeps is not in it, and the company hears nothing.
    const [told] = await eventually(async () => {
      const found = nodes(dataOf(await t.gql(INBOX, {}, she.token)).notifications).filter((n: any) => n.eventType === 'DISCRIMINATION_REPORT_PROGRESSED');
      return found.length ? found : null;
    });
    expect(told.title).toBe(`Je melding over ${other.name}: in onderzoek bij het meldpunt van je school`);
    expect(nodes(dataOf(await t.gql(INBOX, {}, other.admin.token)).notifications).map((n: any) => n.eventType)).not.toContain('DISCRIMINATION_REPORT_PROGRESSED');
    expect(nodes(dataOf(await t.gql(INBOX, {}, school.staff.token)).notifications).map((n: any) => n.eventType)).not.toContain('DISCRIMINATION_REPORT_PROGRESSED');
    for (const step of [INVESTIGATE, ESCALATE]) expect(codeOf(await t.gql(step, { id: report.id }, she.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(READ, { id: report.id }, she.token))).toBe('FORBIDDEN');
  });

  it('refuses bad input naming the field and R22, writing nothing: a future date, a blank description, a placement of another company', async () => {
    const before = await t.count('discrimination_reports');
    const future = onlyError(await t.gql(FILE_MINE, { input: valid({ incidentDate: '2099-01-01' }) }, she.token));
    expect(future.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'input.incidentDate', rule: 'R22' })] });
    const blank = onlyError(await t.gql(FILE_MINE, { input: valid({ description: ' '.repeat(12) }) }, she.token));
    expect(blank.extensions.code).toBe('BAD_USER_INPUT');
    const elsewhere = await make.publishedPlacement(other);
    expect(codeOf(await t.gql(FILE_MINE, { input: valid({ placementId: elsewhere }) }, she.token))).toBe('NOT_FOUND');
    expect(await t.count('discrimination_reports')).toBe(before);
  });

  it('without her consent the company learns nothing of who filed it: not the report, the warning, its deliveries or the audit log', async () => {
    const report = await file(valid({ internshipId: internship.internshipId, ground: 'RELIGION_OR_BELIEF' }));
    for (const query of [t.gql(READ, { id: report.id }, company.admin.token), t.gql('{ discriminationReports(first: 5) { totalCount } }', {}, company.admin.token), t.gql(AUDIT, {}, company.admin.token)]) {
      const response = await query;
      expect(codeOf(response)).toBe('FORBIDDEN');
      expect(response.data ?? null).toBeNull();
    }
    const reason = 'Geen vragen meer naar geloof bij de kennismaking; SBB komt langs.';
    const warning = await warn(report.id, reason);
    const { fullName, email } = internship.student.identity;
    const secrets = [fullName, email, internship.student.id, she.id, school.name];
    for (const secret of secrets) expect(`${warning.title}\n${warning.body}\n${warning.subjectId}`).not.toContain(secret);
    const deliveries = await t.dataSource.query(`SELECT content::text FROM deliveries WHERE event_type = 'COMPANY_WARNED' AND organization_id = $1`, [company.id]);
    expect(deliveries.length).toBeGreaterThan(0);
    for (const delivery of deliveries) for (const secret of secrets) expect(delivery.content).not.toContain(secret);
  });

  it('with her consent (shareIdentityWithCompany) the warning SBB gives the company names her, and only that warning', async () => {
    const report = await file(valid({ internshipId: internship.internshipId, ground: 'AGE', shareIdentityWithCompany: true }));
    expect(report).toMatchObject({ filedByStudent: true, shareIdentityWithCompany: true });
    const reason = 'Leeftijd is geen reden om iemand de kassa te weigeren.';
    const warning = await warn(report.id, reason);
    expect(warning.body).toContain(internship.student.identity.fullName);
    expect(warning.body).not.toContain(internship.student.identity.email);
    expect(codeOf(await t.gql(READ, { id: report.id }, company.admin.token))).toBe('FORBIDDEN');
  });

  it('a report the school files keeps the reporter from the company whatever it says: consent is the student’s own to give', async () => {
    const fields = await t.gql('{ __type(name: "FileDiscriminationReportInput") { inputFields { name } } }');
    expect(fields.data!.__type.inputFields.map((field: any) => field.name)).not.toContain('shareIdentityWithCompany');
    const FILE = 'mutation($input: FileDiscriminationReportInput!) { fileDiscriminationReport(input: $input) { id filedByStudent shareIdentityWithCompany } }';
    const bySchool = dataOf(await t.gql(FILE, { input: valid({ studentId: internship.student.id }) }, school.staff.token)).fileDiscriminationReport;
    expect(bySchool).toMatchObject({ filedByStudent: false, shareIdentityWithCompany: false });
    // Nor can the row say otherwise: the database refuses consent on a report she did not file.
    await expect(t.dataSource.query(`UPDATE discrimination_reports SET share_identity_with_company = true WHERE id = $1`, [bySchool.id])).rejects.toThrow(/discrimination_reports_consent_r22/);
  });
});
