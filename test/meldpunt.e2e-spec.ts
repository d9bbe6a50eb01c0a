import { randomUUID } from 'node:crypto';
import { Factories, type MadeCompany, type MadeSchool, type SignedIn } from './support/factories';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

const REPORT = `id status schoolId reportedByUserId studentId companyId placementId internshipId ground description incidentDate noStudentLink
  resolutionNote sanction sanctionReason company { name } transitions { fromStatus toStatus byUserId byOrganizationId note }`;
const FILE = `mutation($input: FileDiscriminationReportInput!) { fileDiscriminationReport(input: $input) { ${REPORT} } }`;
const INVESTIGATE = 'mutation($id: ID!, $note: String) { investigateDiscriminationReport(id: $id, note: $note) { id status } }';
const ESCALATE = 'mutation($id: ID!, $note: String) { escalateDiscriminationReport(id: $id, note: $note) { id status } }';
const RESOLVE = 'mutation($id: ID!, $note: String!) { resolveDiscriminationReport(id: $id, note: $note) { id status resolutionNote } }';
const SANCTION = 'mutation($id: ID!, $input: SanctionInput!) { sanctionDiscriminationReport(id: $id, input: $input) { id status sanction sanctionReason } }';
const READ = `query($id: ID!) { discriminationReport(id: $id) { ${REPORT} } }`;
const LIST = 'query($f: DiscriminationReportFilter) { discriminationReports(filter: $f, first: 100) { totalCount edges { node { id status noStudentLink companyId } } } }';
const TASKS = `query($f: SchoolTaskFilter) { schoolTasks(filter: $f, first: 100) { totalCount edges { node {
  id kind status schoolId studentId reportId placementId internshipId createdByUserId completedAt completedByUserId completionNote } } } }`;
const COMPLETE = 'mutation($id: ID!, $note: String!) { completeSchoolTask(id: $id, note: $note) { id status completedAt completedByUserId completionNote } }';
const ACCREDITATIONS = 'query($f: AccreditationFilter) { accreditations(filter: $f, first: 50) { edges { node { id status } } } }';
const PLACEMENT_STATUS = 'query($id: ID!) { placement(id: $id) { status } }';
const REVOKE = 'mutation($input: RevokeAccreditationInput!) { revokeAccreditation(input: $input) { id status } }';
const INBOX = '{ notifications(first: 100) { edges { node { id eventType title body } } } }';
const AUDIT = 'query($f: AuditLogFilter) { auditLog(filter: $f, first: 100) { edges { node { action actorRole actorOrganizationId before after } } } }';

const nodes = (connection: { edges: { node: any }[] }) => connection.edges.map((edge) => edge.node);

describe('meldpunt: discrimination reports, sanctions and school tasks (R22, R2)', () => {
  let t: TestApp;
  const clock = new TestClock();
  let make: Factories;
  /** The reporting school, and another school that sees none of it. */
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  /** The company reported until SBB revokes (two published placements); a company warned; one reported and dismissed. */
  let domstad: MadeCompany;
  let brasserie: MadeCompany;
  let codeerfabriek: MadeCompany;
  let auditor: SignedIn;
  let platform: SignedIn;
  const placements = { domstad: [] as string[], brasserie: '' };
  const ids = { roc: '', noorderpoort: '', domstad: '', brasserie: '', codeerfabriek: '', sbb: '' };
  const users = { schoolStaff: '', schoolAdmin: '', sbbAuditor: '' };
  /** The report of the revocation flow, its internship and student, for the later cases. */
  const flow = { reportId: '', internshipId: '', studentId: '' };

  const file = async (input: Record<string, unknown>, token = school.staff.token) => dataOf(await t.gql(FILE, { input }, token)).fileDiscriminationReport;
  const step = async (mutation: string, variables: Record<string, unknown>, token: string) => dataOf(await t.gql(mutation, variables, token));
  const inbox = async (token: string) => nodes(dataOf(await t.gql(INBOX, {}, token)).notifications);
  const valid = (change: Record<string, unknown> = {}) => ({
    companyId: ids.domstad,
    ground: 'RACE_OR_ORIGIN',
    description: 'Bij het kennismakingsgesprek werd gezegd dat een hoofddoek bij de cliënten niet gewenst is.',
    incidentDate: '2026-11-02',
    ...change,
  });
  const tomorrow = () => new Date(Date.parse(`${clock.today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    make = new Factories(t);
    [school, otherSchool, domstad, brasserie, codeerfabriek, auditor, platform] = await Promise.all([
      make.school(),
      make.school(),
      make.company(),
      make.company(),
      make.company(),
      make.sbb(),
      make.platformAdmin(),
    ]);
    placements.domstad = [await make.publishedPlacement(domstad), await make.publishedPlacement(domstad)];
    placements.brasserie = await make.publishedPlacement(brasserie);
    Object.assign(ids, { roc: school.id, noorderpoort: otherSchool.id, domstad: domstad.id, brasserie: brasserie.id, codeerfabriek: codeerfabriek.id, sbb: auditor.organizationId });
    Object.assign(users, { schoolStaff: school.staff.id, schoolAdmin: school.admin.id, sbbAuditor: auditor.id });
  });
  afterAll(() => t.stop());

  it('R2 for any revocation: revokeAccreditation opens a replacement search for a student with an open proposal there and gives her priority', async () => {
    const staff = school.staff.token;
    const company = await make.company();
    const placementId = await make.publishedPlacement(company);
    const {
      student: { id: studentId },
      proposalId,
    } = await make.proposal(school, placementId, { identity: { fullName: 'Noor Haddou', dateOfBirth: '2008-05-20', email: 'noor@student.test' } });
    const [accreditation] = nodes(dataOf(await t.gql(ACCREDITATIONS, { f: { companyId: company.id } }, auditor.token)).accreditations);
    expect(accreditation.status).toBe('ACTIVE');
    expect(dataOf(await t.gql(REVOKE, { input: { id: accreditation.id, reason: 'Geen praktijkopleider meer' } }, auditor.token)).revokeAccreditation.status).toBe('REVOKED');

    expect(dataOf(await t.gql(PLACEMENT_STATUS, { id: placementId }, company.admin.token)).placement.status).toBe('SUSPENDED');
    const tasks = nodes(dataOf(await t.gql(TASKS, { f: { kind: 'REPLACEMENT_SEARCH' } }, staff)).schoolTasks);
    expect(tasks).toEqual([
      expect.objectContaining({ kind: 'REPLACEMENT_SEARCH', status: 'OPEN', schoolId: ids.roc, studentId, placementId, internshipId: null, createdByUserId: users.sbbAuditor }),
    ]);
    const [{ rematch_priority }] = await t.dataSource.query('SELECT rematch_priority FROM students WHERE id = $1', [studentId]);
    expect(rematch_priority).toBe(true);
    // Her proposal there is withdrawn, so the next round includes her; it can no longer be accepted.
    const proposals = nodes(dataOf(await t.gql('query($s: ID) { proposals(studentId: $s) { edges { node { id status } } } }', { s: studentId }, staff)).proposals);
    expect(proposals).toEqual([{ id: proposalId, status: 'WITHDRAWN' }]);
    const accept = 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { status } }';
    expect(onlyError(await t.gql(accept, { id: proposalId }, staff)).extensions.code).toBe('CONFLICT');
    // The school's staff hear of the task; another school has none.
    await eventually(async () => (await inbox(staff)).some((n: any) => n.eventType === 'SCHOOL_TASK_CREATED' && n.title.includes('vervangende stageplaats')));
    expect(dataOf(await t.gql(TASKS, {}, otherSchool.admin.token)).schoolTasks.totalCount).toBe(0);
  });

  it('starts no internship at a suspended placement, whatever suspended it (R1)', async () => {
    const company = await make.company();
    const placementId = await make.publishedPlacement(company);
    const { proposalId } = await make.proposal(school, placementId, { identity: { fullName: 'Sem Bos', dateOfBirth: '2008-02-11', email: 'sem@student.test' } });
    // Suspended by anything but a revocation (which would withdraw the proposal too): the status is the data here.
    await t.dataSource.query(`UPDATE placements SET status = 'SUSPENDED' WHERE id = $1`, [placementId]);
    const accept = 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { status } }';
    expect(dataOf(await t.gql(accept, { id: proposalId }, company.admin.token)).answerProposal.status).toBe('OPEN');
    const refused = onlyError(await t.gql(accept, { id: proposalId }, school.staff.token));
    expect(refused).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('SUSPENDED') });
    expect(await t.count(`internships WHERE proposal_id = '${proposalId}'`)).toBe(0);
  });

  it('takes a report through the whole flow to a REVOCATION: accreditations revoked, placements suspended, schools told, a replacement search, every step audited', async () => {
    const staff = school.staff.token;
    const admin = school.admin.token;
    const sbb = auditor.token;
    const placementId = placements.domstad[0];
    const {
      internshipId,
      student: { id: studentId },
    } = await make.internship(school, domstad, placementId, { identity: { fullName: 'Sara Amrani', dateOfBirth: '2008-03-14', email: 'sara@student.test' } });
    const { title } = dataOf(await t.gql('query($id: ID!) { placement(id: $id) { title } }', { id: placementId }, staff)).placement;

    // Filed for the internship: her student and placement come from it; she is linked to the company.
    const report = await file(valid({ internshipId }));
    expect(report).toMatchObject({
      status: 'RECEIVED',
      schoolId: ids.roc,
      reportedByUserId: users.schoolStaff,
      studentId,
      placementId,
      internshipId,
      companyId: ids.domstad,
      company: { name: domstad.name },
      noStudentLink: false,
      sanction: null,
    });
    Object.assign(flow, { reportId: report.id, internshipId, studentId });
    const id = report.id;

    expect((await step(INVESTIGATE, { id, note: 'Gesprek met student gepland' }, staff)).investigateDiscriminationReport.status).toBe('INVESTIGATING');
    const early = onlyError(await t.gql(SANCTION, { id, input: { sanction: 'REVOCATION', reason: 'Te vroeg' } }, sbb));
    expect(early.extensions.code).toBe('CONFLICT');
    expect(early.message).toContain('INVESTIGATING');
    expect((await step(ESCALATE, { id, note: 'Patroon: derde melding dit jaar' }, admin)).escalateDiscriminationReport.status).toBe('ESCALATED_TO_SBB');
    const late = onlyError(await t.gql(RESOLVE, { id, note: 'Toch zelf afgehandeld' }, staff));
    expect(late.extensions.code).toBe('CONFLICT');
    expect(late.message).toContain('ESCALATED_TO_SBB');
    await eventually(async () => (await inbox(sbb)).some((n: any) => n.eventType === 'DISCRIMINATION_REPORT_ESCALATED' && n.title.includes(domstad.name)));

    const reason = 'Structurele afwijzing op grond van afkomst vastgesteld';
    const sanctioned = (await step(SANCTION, { id, input: { sanction: 'REVOCATION', reason } }, sbb)).sanctionDiscriminationReport;
    expect(sanctioned).toMatchObject({ status: 'SANCTIONED', sanction: 'REVOCATION', sanctionReason: reason });
    const again = onlyError(await t.gql(SANCTION, { id, input: { sanction: 'WARNING', reason } }, sbb));
    expect(again.extensions.code).toBe('CONFLICT');
    expect(again.message).toContain('SANCTIONED');

    // Every accreditation of the company is revoked, and every published placement suspended (R2).
    const accreditations = nodes(
      dataOf(await t.gql('query($f: AccreditationFilter) { accreditations(filter: $f, first: 50) { edges { node { status } } } }', { f: { companyId: ids.domstad } }, sbb))
        .accreditations,
    );
    expect(accreditations.map((a: any) => a.status)).toEqual(['REVOKED']);
    for (const id of placements.domstad) expect(dataOf(await t.gql(PLACEMENT_STATUS, { id }, domstad.admin.token)).placement.status).toBe('SUSPENDED');
    const search = await t.gql('query($f: PlacementFilter) { placements(filter: $f, first: 100) { totalCount } }', { f: { companyId: ids.domstad } }, staff);
    expect(dataOf(search).placements.totalCount).toBe(0);

    // The school of the student placed there hears of the suspension and gets a replacement search; she goes first next round.
    await eventually(async () => (await inbox(admin)).some((n: any) => n.eventType === 'PLACEMENT_SUSPENDED' && n.title.includes(title)));
    const tasks = nodes(dataOf(await t.gql(TASKS, { f: { kind: 'REPLACEMENT_SEARCH', status: 'OPEN' } }, staff)).schoolTasks);
    expect(tasks).toContainEqual(expect.objectContaining({ schoolId: ids.roc, studentId, placementId, internshipId, createdByUserId: users.sbbAuditor }));
    const [{ rematch_priority }] = await t.dataSource.query('SELECT rematch_priority FROM students WHERE id = $1', [studentId]);
    expect(rematch_priority).toBe(true);
    // The revocation notice the company gets does not name the school.
    const revoked = await eventually(async () => {
      const found = (await inbox(domstad.admin.token)).filter((n: any) => n.eventType === 'ACCREDITATION_REVOKED' && n.body.includes(reason));
      return found.length ? found : null;
    });
    for (const notice of revoked) {
      for (const secret of [school.name, school.staff.name, school.admin.name, 'Sara']) expect(`${notice.title} ${notice.body}`).not.toContain(secret);
    }

    // The history on the report and an audit row for every step.
    const read = dataOf(await t.gql(READ, { id }, sbb)).discriminationReport;
    expect(read.transitions.map((s: any) => [s.fromStatus, s.toStatus])).toEqual([
      [null, 'RECEIVED'],
      ['RECEIVED', 'INVESTIGATING'],
      ['INVESTIGATING', 'ESCALATED_TO_SBB'],
      ['ESCALATED_TO_SBB', 'SANCTIONED'],
    ]);
    expect(read.transitions.map((s: any) => s.byOrganizationId)).toEqual([ids.roc, ids.roc, ids.roc, ids.sbb]);
    expect(read.transitions.map((s: any) => s.note)).toEqual([null, 'Gesprek met student gepland', 'Patroon: derde melding dit jaar', reason]);
    const audit = nodes(dataOf(await t.gql(AUDIT, { f: { entityType: 'discrimination_report', entityId: id } }, sbb)).auditLog);
    expect(audit.map((entry: any) => [entry.action, entry.actorRole])).toEqual([
      ['discrimination_report.sanctioned', 'SBB'],
      ['discrimination_report.escalated', 'SCHOOL_ADMIN'],
      ['discrimination_report.investigation_started', 'SCHOOL'],
      ['discrimination_report.filed', 'SCHOOL'],
    ]);
    expect(audit[0].after.revokedAccreditationIds).toHaveLength(1); // the company's one accreditation
    const revocations = nodes(dataOf(await t.gql(AUDIT, { f: { action: 'accreditation.revoked' } }, sbb)).auditLog);
    expect(revocations.filter((entry: any) => entry.after.revocationReason.includes(reason))).toHaveLength(1);
  });

  it('WARNING: recorded on the report, the accreditations stay, and the company admins are told without anything about the reporter, school or student', async () => {
    const admin = school.admin.token;
    const sbb = auditor.token;
    const {
      id: studentId,
      identity: { fullName },
    } = await make.student(school);
    const description = 'Bij de sollicitatie voor de keuken werd gevraagd naar haar geloof en daarna volgde een afwijzing.';
    const report = await file(valid({ companyId: ids.brasserie, studentId, ground: 'RELIGION_OR_BELIEF', description }), admin);
    // The school has never had a student at the brasserie: allowed, flagged, and SBB sees the flag too.
    expect(report).toMatchObject({ status: 'RECEIVED', studentId, noStudentLink: true });
    expect(nodes(dataOf(await t.gql(LIST, { f: { companyId: ids.brasserie } }, sbb)).discriminationReports)).toEqual([
      { id: report.id, status: 'RECEIVED', noStudentLink: true, companyId: ids.brasserie },
    ]);

    await step(INVESTIGATE, { id: report.id }, admin);
    await step(ESCALATE, { id: report.id }, admin);
    const reason = 'Stel vragen naar geloof niet meer bij sollicitaties; SBB komt op bezoek.';
    expect((await step(SANCTION, { id: report.id, input: { sanction: 'WARNING', reason } }, sbb)).sanctionDiscriminationReport).toMatchObject({
      status: 'SANCTIONED',
      sanction: 'WARNING',
      sanctionReason: reason,
    });
    expect(nodes(dataOf(await t.gql(ACCREDITATIONS, { f: { companyId: ids.brasserie } }, sbb)).accreditations).map((a: any) => a.status)).toEqual(['ACTIVE']);

    const [warning] = await eventually(async () => {
      const found = (await inbox(brasserie.admin.token)).filter((n: any) => n.eventType === 'COMPANY_WARNED');
      return found.length ? found : null;
    });
    expect(warning.title).toContain(brasserie.name);
    expect(warning.body).toContain(reason);
    expect(warning.body).toContain('godsdienst of levensovertuiging');
    const text = `${warning.title}\n${warning.body}`;
    for (const secret of [school.name, school.admin.name, fullName, studentId, ids.roc, users.schoolAdmin, description, 'hoofddoek']) {
      expect(text).not.toContain(secret);
    }
    // The stored notification and the webhook/e-mail deliveries carry the report's id only.
    const stored = await t.dataSource.query(`SELECT payload FROM notifications WHERE event_type = 'COMPANY_WARNED'`);
    expect(stored.map((row: any) => row.payload)).toEqual(stored.map(() => ({ reportId: report.id })));
    const deliveries = await t.dataSource.query(`SELECT organization_id, content::text FROM deliveries WHERE event_type = 'COMPANY_WARNED'`);
    for (const delivery of deliveries) {
      expect(delivery.organization_id).toBe(ids.brasserie);
      for (const secret of [school.name, fullName, studentId, users.schoolAdmin]) expect(delivery.content).not.toContain(secret);
    }
    // Only the company's admins hear of it.
    const recipients = await t.dataSource.query(`SELECT DISTINCT u.organization_id, u.role FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.event_type = 'COMPANY_WARNED'`);
    expect(recipients).toEqual([{ organization_id: ids.brasserie, role: 'ADMIN' }]);
  });

  it('gives the reporting school an AFTERCARE task for the student a report names; only that school completes it, once', async () => {
    const staff = school.staff.token;
    const [task] = nodes(dataOf(await t.gql(TASKS, { f: { kind: 'AFTERCARE' } }, staff)).schoolTasks).filter((node: any) => node.reportId === flow.reportId);
    const { studentId } = flow;
    expect(task).toMatchObject({ kind: 'AFTERCARE', status: 'OPEN', schoolId: ids.roc, studentId, createdByUserId: users.schoolStaff, completedAt: null });
    await eventually(async () => (await inbox(staff)).some((n: any) => n.eventType === 'SCHOOL_TASK_CREATED' && n.title.includes('nazorg')));
    // SBB and the operator read every school's tasks; another school does not see it.
    for (const user of [auditor, platform]) {
      expect(nodes(dataOf(await t.gql(TASKS, { f: { kind: 'AFTERCARE' } }, user.token)).schoolTasks).map((node: any) => node.id)).toContain(task.id);
    }
    expect(dataOf(await t.gql(TASKS, {}, otherSchool.admin.token)).schoolTasks.totalCount).toBe(0);

    const note = 'Nazorggesprek gevoerd met studente en ouders; vertrouwenspersoon ingeschakeld.';
    expect(onlyError(await t.gql(COMPLETE, { id: task.id, note }, otherSchool.admin.token)).extensions.code).toBe('NOT_FOUND');
    for (const user of [domstad.admin, auditor]) {
      expect(onlyError(await t.gql(COMPLETE, { id: task.id, note }, user.token)).extensions.code).toBe('FORBIDDEN');
    }
    const done = dataOf(await t.gql(COMPLETE, { id: task.id, note }, staff)).completeSchoolTask;
    expect(done).toMatchObject({ id: task.id, status: 'DONE', completedByUserId: users.schoolStaff, completionNote: note });
    expect(done.completedAt).toBeTruthy();
    const twice = onlyError(await t.gql(COMPLETE, { id: task.id, note }, staff));
    expect(twice.extensions.code).toBe('CONFLICT');
    expect(twice.message).toContain('DONE');
    expect(dataOf(await t.gql(TASKS, { f: { kind: 'AFTERCARE', status: 'OPEN' } }, staff)).schoolTasks.edges.map((e: any) => e.node.id)).not.toContain(task.id);
    const audit = nodes(dataOf(await t.gql(AUDIT, { f: { entityType: 'school_task', entityId: task.id } }, auditor.token)).auditLog);
    expect(audit.map((entry: any) => entry.action)).toEqual(['school_task.completed', 'school_task.created']);
    const short = onlyError(await t.gql(COMPLETE, { id: task.id, note: '' }, staff));
    expect(short.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'note' })] });
  });

  it('lets the school resolve a report itself, and SBB dismiss an escalated one; any other move is a CONFLICT naming the current status', async () => {
    const staff = school.staff.token;
    const sbb = auditor.token;
    const own = await file(valid({ companyId: ids.codeerfabriek, ground: 'AGE', description: 'Op de vacature stond dat alleen studenten onder de twintig welkom zijn.' }));
    expect(own.noStudentLink).toBe(true);
    const conflict = async (mutation: string, variables: Record<string, unknown>, token: string, status: string) => {
      const error = onlyError(await t.gql(mutation, variables, token));
      expect(error.extensions.code).toBe('CONFLICT');
      expect(error.message).toContain(`is ${status}`);
    };
    await conflict(RESOLVE, { id: own.id, note: 'Opgelost' }, staff, 'RECEIVED');
    await conflict(ESCALATE, { id: own.id }, staff, 'RECEIVED');
    await step(INVESTIGATE, { id: own.id }, staff);
    await conflict(INVESTIGATE, { id: own.id }, staff, 'INVESTIGATING');
    const missing = onlyError(await t.gql(RESOLVE, { id: own.id, note: '' }, staff));
    expect(missing.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'note', rule: 'R22' })] });
    const resolved = (await step(RESOLVE, { id: own.id, note: 'Vacaturetekst aangepast na gesprek met het bedrijf' }, staff)).resolveDiscriminationReport;
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolutionNote: 'Vacaturetekst aangepast na gesprek met het bedrijf' });
    await conflict(ESCALATE, { id: own.id }, staff, 'RESOLVED');
    await conflict(RESOLVE, { id: own.id, note: 'Nogmaals' }, sbb, 'RESOLVED');

    const escalated = await file(valid({ companyId: ids.codeerfabriek, ground: 'GENDER', description: 'De student hoorde dat het team liever geen meisjes aanneemt.' }));
    await step(INVESTIGATE, { id: escalated.id }, staff);
    await step(ESCALATE, { id: escalated.id }, staff);
    // The school cannot sanction and SBB cannot investigate: the roles of the flow (R22).
    expect(onlyError(await t.gql(SANCTION, { id: escalated.id, input: { sanction: 'WARNING', reason: 'Eigen sanctie' } }, staff)).extensions.code).toBe('FORBIDDEN');
    expect(onlyError(await t.gql(INVESTIGATE, { id: escalated.id }, sbb)).extensions.code).toBe('FORBIDDEN');
    const dismissed = (await step(RESOLVE, { id: escalated.id, note: 'Onvoldoende onderbouwd; geen sanctie' }, sbb)).resolveDiscriminationReport;
    expect(dismissed).toMatchObject({ status: 'RESOLVED', resolutionNote: 'Onvoldoende onderbouwd; geen sanctie' });
    await conflict(SANCTION, { id: escalated.id, input: { sanction: 'REVOCATION', reason: 'Toch intrekken' } }, sbb, 'RESOLVED');
    const audit = nodes(dataOf(await t.gql(AUDIT, { f: { entityType: 'discrimination_report', entityId: escalated.id } }, sbb)).auditLog);
    expect(audit.map((entry: any) => entry.action)[0]).toBe('discrimination_report.dismissed');
    expect(nodes(dataOf(await t.gql(ACCREDITATIONS, { f: { companyId: ids.codeerfabriek } }, sbb)).accreditations).map((a: any) => a.status)).toEqual(['ACTIVE']);
  });

  it("keeps reports from other schools (NOT_FOUND, as an unknown id) and from companies and the operator entirely", async () => {
    const id = flow.reportId;
    const other = otherSchool.admin.token;
    for (const [operation, variables] of [[READ, {}], [INVESTIGATE, {}], [RESOLVE, { note: 'Niet van ons' }]] as const) {
      const theirs = onlyError(await t.gql(operation, { id, ...variables }, other));
      const unknown = onlyError(await t.gql(operation, { id: randomUUID(), ...variables }, other));
      expect(theirs.extensions).toEqual({ code: 'NOT_FOUND' });
      expect(theirs.message).toBe(unknown.message);
    }
    expect(dataOf(await t.gql(LIST, {}, other)).discriminationReports.totalCount).toBe(0);
    expect(onlyError(await t.gql(READ, { id: randomUUID() }, school.staff.token)).extensions.code).toBe('NOT_FOUND');
    expect(dataOf(await t.gql(LIST, {}, school.staff.token)).discriminationReports.totalCount).toBe(4);
    expect(dataOf(await t.gql(LIST, {}, auditor.token)).discriminationReports.totalCount).toBe(4);

    for (const token of [domstad.admin.token, domstad.staff.token, brasserie.admin.token, platform.token]) {
      for (const response of [await t.gql(READ, { id }, token), await t.gql(LIST, {}, token)]) {
        expect(onlyError(response).extensions.code).toBe('FORBIDDEN');
        expect(response.data ?? null).toBeNull();
      }
    }
    for (const token of [domstad.admin.token, brasserie.admin.token]) {
      expect(onlyError(await t.gql(TASKS, {}, token)).extensions.code).toBe('FORBIDDEN');
      expect(onlyError(await t.gql(FILE, { input: valid() }, token)).extensions.code).toBe('FORBIDDEN');
    }
  });

  describe('bad input: BAD_USER_INPUT naming the field and R22, nothing written', () => {
    const tables = ['discrimination_reports', 'discrimination_report_transitions', 'school_tasks', 'audit_log', 'outbox'];
    const counts = () => Promise.all(tables.map((table) => t.count(table)));
    /** What the school may not see is NOT_FOUND naming the field, word for word as an unknown id, and nothing is written. */
    const notFound = async (unknown: Record<string, unknown>, notYours: Record<string, unknown>, field: string, token = school.staff.token) => {
      const before = await counts();
      const [a, b] = [onlyError(await t.gql(FILE, { input: unknown }, token)), onlyError(await t.gql(FILE, { input: notYours }, token))];
      expect(a.extensions).toMatchObject({ code: 'NOT_FOUND', fields: [expect.objectContaining({ path: `input.${field}` })] });
      expect(b).toEqual(a);
      expect(await counts()).toEqual(before);
    };
    const refuses = async (input: Record<string, unknown>, field: string, message?: RegExp) => {
      const before = await counts();
      const error = onlyError(await t.gql(FILE, { input }, school.staff.token));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.fields).toContainEqual(expect.objectContaining({ path: `input.${field}`, rule: 'R22' }));
      if (message) expect(error.message).toMatch(message);
      expect(await counts()).toEqual(before);
    };

    it('refuses an unknown company, and an organization that is not a company', async () => {
      await refuses(valid({ companyId: randomUUID() }), 'companyId', /geen bedrijf/);
      await refuses(valid({ companyId: ids.roc }), 'companyId', /geen bedrijf/);
    });

    it('refuses an unknown placement and a placement of another company alike (NOT_FOUND)', async () => {
      await notFound(valid({ placementId: randomUUID() }), valid({ placementId: placements.brasserie }), 'placementId');
    });

    it('refuses an unknown internship and another school\'s alike (NOT_FOUND); its own at another company is BAD_USER_INPUT', async () => {
      // The other school names this school's internship.
      await notFound(valid({ internshipId: randomUUID() }), valid({ internshipId: flow.internshipId }), 'internshipId', otherSchool.admin.token);
      await refuses(valid({ companyId: ids.brasserie, internshipId: flow.internshipId }), 'internshipId', /niet bij dit bedrijf/);
    });

    it('refuses a student of another school as an unknown one (NOT_FOUND)', async () => {
      const { id } = await make.student(otherSchool);
      await notFound(valid({ studentId: randomUUID() }), valid({ studentId: id }), 'studentId');
    });

    it('refuses an incident date in the future, and an empty or blank description', async () => {
      await refuses(valid({ incidentDate: tomorrow() }), 'incidentDate', /in de toekomst/);
      await refuses(valid({ description: '' }), 'description');
      await refuses(valid({ description: '              ' }), 'description', /mag niet leeg zijn/); // school staff read Dutch (issue #19)
    });

    it('refuses a ground that is not in the enum, as a variable and inline (Apollo coerces it, the API answers BAD_USER_INPUT)', async () => {
      const before = await counts();
      const asVariable = onlyError(await t.gql(FILE, { input: valid({ ground: 'HAIR_COLOUR' }) }, school.staff.token));
      expect(asVariable.extensions.code).toBe('BAD_USER_INPUT');
      expect(asVariable.message).toContain('input.ground');
      expect(asVariable.message).toContain('HAIR_COLOUR');
      expect(asVariable.message).toContain('DiscriminationGround');
      const inline = onlyError(
        await t.gql(
          `mutation($c: ID!) { fileDiscriminationReport(input: { companyId: $c, ground: HAIR_COLOUR, description: "Een beschrijving van wat er gebeurde", incidentDate: "2026-11-02" }) { id } }`,
          { c: ids.domstad },
          school.staff.token,
        ),
      );
      expect(inline.extensions.code).toBe('BAD_USER_INPUT');
      expect(inline.message).toContain('HAIR_COLOUR');
      expect(await counts()).toEqual(before);
    });
  });
});
