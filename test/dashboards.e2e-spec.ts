import { StudentsWithoutPlacementCheck } from '../src/modules/unplaced-students/jobs/students-without-placement.check';
import { dutchDateOf } from '../src/common/clock/clock';
import { Factories, GRONINGEN, type MadeCompany, type MadeSchool } from './support/factories';
import { validPlacement } from './support/fixtures';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';

const SUPPLY = `query($f: DashboardFilter) { placeSupply(filter: $f) { asOf ownStudentsOnly
  rows { crebo region openSeats placements studentsWithoutPlacement seatsPerStudent shortfall }
  totals { openSeats placements studentsWithoutPlacement seatsPerStudent shortfall } } }`;
const UNPLACED = `query($weeks: Int, $first: Int, $after: String) { studentsWithoutPlacement(weeks: $weeks, first: $first, after: $after) {
  weeks asOf horizon total alreadyStarted bySchool { school students } byCrebo { crebo students } byRegion { region students }
  students { totalCount pageInfo { hasNextPage endCursor } edges { node { studentId startDate daysLeft crebo region student { id availableFrom } } } } } }`;
const TERMINATIONS = `query($f: TerminationsFilter!) { terminationsReport(filter: $f) { from to terminated
  byReason { reason internships } byParty { terminatedBy internships } byCrebo { crebo internships }
  rematch { rematched medianDays meanDays stillWaiting longestWaitDays leftWithoutRematch } } }`;
const TERMINATE = 'mutation($id: ID!, $input: TerminateInternshipInput!) { terminateInternship(id: $id, input: $input) { status } }';
const ARCHIVE = 'mutation($id: ID!) { archiveStudent(id: $id) { archivedAt } }';
const AVAILABLE_FROM = 'mutation($id: ID!, $from: LocalDate!) { updateStudent(id: $id, input: { availableFrom: $from }) { availableFrom } }';

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Crebos (R4 asks five digits only) that only this file's organizations offer and study, so the
 * rows and filtered figures are this file's own; national totals are compared before and after.
 */
const VERZORGENDE = '31001';
const ASSISTENT = '31002';
const HANDEL = '31003';
const ALERTS = '31004';
const REMATCH = '31005';
const OWN_CREBOS = [VERZORGENDE, ASSISTENT, HANDEL, ALERTS, REMATCH];
const DRENTHE = '9401';

describe('dashboards: places versus students, students without a placement, terminations and rematch times', () => {
  let t: TestApp;
  let make: Factories;
  const today = dutchDateOf(new Date());
  const row = (report: any, crebo: string, region: string) => report.rows.find((r: any) => r.crebo === crebo && r.region === region);
  const own = (report: any) => report.rows.filter((r: any) => OWN_CREBOS.includes(r.crebo));
  const supply = async (token: string, f?: Record<string, unknown>) => dataOf(await t.gql(SUPPLY, { f }, token)).placeSupply;
  /** Students of the school, `count` of them, studying `crebo` and living in PC4 `home`. */
  const students = async (school: MadeSchool, count: number, crebo: string, home: string) => {
    for (let i = 0; i < count; i += 1) await make.student(school, { crebo, homePostcode: home });
  };
  const placement = (company: MadeCompany, crebo: string, capacity: number) => make.publishedPlacement(company, { crebos: [crebo], capacity });

  let sbb: string;
  let utrecht: MadeSchool;
  let groningen: MadeSchool;
  let zorgUtrecht: MadeCompany;

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    sbb = (await make.sbb()).token;
    utrecht = await make.school();
    groningen = await make.school();
    zorgUtrecht = await make.company({ crebos: [VERZORGENDE, ASSISTENT] });
  });
  afterAll(() => t.stop());

  it('shows SBB open seats against students without a placement per crebo and province, worst shortage first; a school the same seats but only its own students', async () => {
    const before = await supply(sbb);
    const zorgGroningen = await make.company({ crebos: [VERZORGENDE], location: GRONINGEN });
    const handel = await make.company({ sector: 'HANDEL', crebos: [HANDEL] });
    await placement(zorgUtrecht, VERZORGENDE, 2);
    await placement(zorgUtrecht, VERZORGENDE, 1);
    await placement(zorgGroningen, VERZORGENDE, 2);
    await placement(handel, HANDEL, 1);
    await students(utrecht, 5, VERZORGENDE, '3511');
    await students(utrecht, 3, ASSISTENT, DRENTHE);
    await students(groningen, 1, VERZORGENDE, '9711');

    const national = await supply(sbb);
    expect(national.asOf).toBe(today);
    expect(national.ownStudentsOnly).toBe(false);
    // 4 published placements with 6 seats; 9 students, none placed; short 3 in Drenthe and 2 in Utrecht.
    const added = Object.fromEntries(['openSeats', 'placements', 'studentsWithoutPlacement', 'shortfall'].map((k) => [k, national.totals[k] - before.totals[k]]));
    expect(added).toEqual({ openSeats: 6, placements: 4, studentsWithoutPlacement: 9, shortfall: 5 });
    expect(own(national).map((r: any) => [r.crebo, r.region, r.shortfall])).toEqual([
      [ASSISTENT, 'Drenthe', 3],
      [VERZORGENDE, 'Utrecht', 2],
      [VERZORGENDE, 'Groningen', 0],
      [HANDEL, 'Utrecht', 0],
    ]);
    const shortfalls = national.rows.map((r: any) => r.shortfall);
    expect(shortfalls).toEqual([...shortfalls].sort((a, b) => b - a));
    // Students in Drenthe, no place there at all: a ratio of 0, not null.
    expect(row(national, ASSISTENT, 'Drenthe')).toEqual({ crebo: ASSISTENT, region: 'Drenthe', openSeats: 0, placements: 0, studentsWithoutPlacement: 3, seatsPerStudent: 0, shortfall: 3 });
    expect(row(national, VERZORGENDE, 'Utrecht')).toMatchObject({ openSeats: 3, placements: 2, studentsWithoutPlacement: 5, shortfall: 2 });
    expect(row(national, VERZORGENDE, 'Utrecht').seatsPerStudent).toBeCloseTo(3 / 5);
    expect(row(national, VERZORGENDE, 'Groningen')).toMatchObject({ openSeats: 2, placements: 1, studentsWithoutPlacement: 1, seatsPerStudent: 2, shortfall: 0 });
    expect(await supply((await make.platformAdmin()).token)).toEqual(national);

    // The Utrecht school: the same seats everywhere, but only its own 8 students; no Groningen student appears.
    const school = await supply(utrecht.staff.token);
    expect(school.ownStudentsOnly).toBe(true);
    expect(school.totals).toMatchObject({ openSeats: national.totals.openSeats, placements: national.totals.placements, studentsWithoutPlacement: 8 });
    expect(row(school, VERZORGENDE, 'Groningen')).toMatchObject({ openSeats: 2, studentsWithoutPlacement: 0, seatsPerStudent: null, shortfall: 0 });
    expect(row(school, VERZORGENDE, 'Utrecht')).toEqual(row(national, VERZORGENDE, 'Utrecht'));
    const other = await supply(groningen.admin.token);
    expect(other.totals.studentsWithoutPlacement).toBe(1);
    expect(row(other, ASSISTENT, 'Drenthe')).toBeUndefined();

    // Filters: crebo, province, sector (the zorg sector offers the zorg crebos, not the handel one).
    expect((await supply(sbb, { crebo: VERZORGENDE })).rows.map((r: any) => [r.crebo, r.region])).toEqual([
      [VERZORGENDE, 'Utrecht'],
      [VERZORGENDE, 'Groningen'],
    ]);
    expect((await supply(sbb, { region: 'Groningen' })).rows.every((r: any) => r.region === 'Groningen')).toBe(true);
    expect((await supply(sbb, { region: 'Groningen', crebo: VERZORGENDE })).totals).toMatchObject({ openSeats: 2, studentsWithoutPlacement: 1 });
    const zorg = await supply(sbb, { sector: 'ZORG_WELZIJN_SPORT' });
    expect(own(zorg)).toEqual(own(national).filter((r: any) => r.crebo !== HANDEL));
    expect((await supply(sbb, { sector: 'HANDEL' })).rows.map((r: any) => r.crebo)).toContain(HANDEL);
  });

  it('counts a newly published placement as open seats, a new student as without a placement, and a placed student as neither', async () => {
    const input = validPlacement(zorgUtrecht.branchId, zorgUtrecht.trainerId, { title: 'Verzorgende IG — dashboardplaats', description: 'Twee plaatsen', crebos: [VERZORGENDE] });
    const id = dataOf(await t.gql('mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }', { input }, zorgUtrecht.admin.token)).createPlacement.id;
    // A draft is not a place yet.
    expect(row(await supply(sbb), VERZORGENDE, 'Utrecht')).toMatchObject({ openSeats: 3, placements: 2 });
    expect(dataOf(await t.gql('mutation($id: ID!) { publishPlacement(id: $id) { __typename ... on Placement { status } } }', { id }, zorgUtrecht.admin.token)).publishPlacement).toEqual({
      __typename: 'Placement',
      status: 'PUBLISHED',
    });
    expect(row(await supply(sbb), VERZORGENDE, 'Utrecht')).toMatchObject({ openSeats: 5, placements: 3, studentsWithoutPlacement: 5, shortfall: 0 });

    await students(utrecht, 1, VERZORGENDE, '3511');
    expect(row(await supply(sbb), VERZORGENDE, 'Utrecht')).toMatchObject({ openSeats: 5, studentsWithoutPlacement: 6, shortfall: 1 });

    // Placed: she takes a seat and is no longer without a placement.
    await make.internship(utrecht, zorgUtrecht, id, { crebo: VERZORGENDE });
    const after = row(await supply(sbb), VERZORGENDE, 'Utrecht');
    expect(after).toMatchObject({ openSeats: 4, placements: 3, studentsWithoutPlacement: 6, shortfall: 2 });
    expect(after.seatsPerStudent).toBeCloseTo(4 / 6);
    expect(row(await supply(utrecht.staff.token), VERZORGENDE, 'Utrecht')).toEqual(after);
  });

  it('refuses companies (FORBIDDEN) and bad input (BAD_USER_INPUT naming the field)', async () => {
    for (const token of [zorgUtrecht.admin.token, zorgUtrecht.staff.token]) {
      for (const response of [
        await t.gql(SUPPLY, {}, token),
        await t.gql(UNPLACED, {}, token),
        await t.gql(TERMINATIONS, { f: { from: '2026-01-01', to: '2026-12-31' } }, token),
      ]) {
        expect(onlyError(response).extensions.code).toBe('FORBIDDEN');
        expect(response.data ?? null).toBeNull();
      }
    }
    const fieldsOf = async (query: string, variables: Record<string, unknown>, token = sbb) => {
      const error = onlyError(await t.gql(query, variables, token));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      return error.extensions.fields;
    };
    expect(await fieldsOf(SUPPLY, { f: { region: 'Atlantis' } })).toEqual([expect.objectContaining({ path: 'filter.region', message: expect.stringContaining('Atlantis') })]);
    expect(await fieldsOf(SUPPLY, { f: { crebo: '2565' } })).toEqual([expect.objectContaining({ path: 'filter.crebo', rule: 'R4' })]);
    for (const weeks of [0, 53]) expect(await fieldsOf(UNPLACED, { weeks }, utrecht.staff.token)).toEqual([expect.objectContaining({ path: 'weeks' })]);
    const period = (f: Record<string, unknown>) => fieldsOf(TERMINATIONS, { f });
    expect(await period({ from: '2026-06-01', to: '2026-05-31' })).toEqual([expect.objectContaining({ path: 'filter.to', message: expect.stringContaining('vóór') })]);
    expect(await period({ from: '2020-01-01', to: '2025-01-02' })).toEqual([expect.objectContaining({ path: 'filter.to', message: expect.stringContaining('5 jaar') })]);
    expect(await period({ from: '2021-01-01', to: '2026-01-01', region: 'Atlantis' })).toEqual([expect.objectContaining({ path: 'filter.region' })]);
    // Exactly five years is allowed.
    expect(dataOf(await t.gql(TERMINATIONS, { f: { from: '2021-01-01', to: '2026-01-01', crebo: VERZORGENDE } }, sbb)).terminationsReport.terminated).toBe(0);
  });

  it('tells a school once of each of its students without a placement starting within the alert window, and lists them for it; SBB gets counts only', async () => {
    const sbbBefore = dataOf(await t.gql(UNPLACED, { weeks: 8 }, sbb)).studentsWithoutPlacement;
    const mine = await make.school();
    const elsewhereSchool = await make.school();
    const company = await make.company({ crebos: [ALERTS] });
    const newStudent = async (school: MadeSchool, availableFrom: string, home = '3511') =>
      (await make.student(school, { crebo: ALERTS, homePostcode: home, availableFrom, availableUntil: addDays(availableFrom, 150) })).id;
    const soon = await newStudent(mine, addDays(today, 35));
    const later = await newStudent(mine, addDays(today, 56));
    const elsewhere = await newStudent(elsewhereSchool, addDays(today, 35), '9711');
    const archived = await newStudent(mine, addDays(today, 35));
    dataOf(await t.gql(ARCHIVE, { id: archived }, mine.admin.token));
    const placedEarly = await make.internship(mine, company, await placement(company, ALERTS, 1), { crebo: ALERTS });
    const placed = placedEarly.student.id;
    // Her internship (2027-02-01 onwards) still covers her availability from five weeks ahead (her school moves it there).
    expect(dataOf(await t.gql(AVAILABLE_FROM, { id: placed, from: addDays(today, 35) }, mine.staff.token)).updateStudent).toEqual({ availableFrom: addDays(today, 35) });
    const ours = [soon, later, elsewhere, archived, placed];

    const check = t.app.get(StudentsWithoutPlacementCheck);
    await check.run(today);
    await check.run(today);
    await check.run(addDays(today, 1));

    const alerts = async (token: string) =>
      dataOf(await t.gql('{ notifications(first: 100) { edges { node { eventType title body } } } }', {}, token)).notifications.edges
        .map((edge: any) => edge.node)
        .filter((node: any) => node.eventType === 'STUDENT_WITHOUT_PLACEMENT');
    await eventually(async () => (await alerts(mine.staff.token)).length === 1);
    const [alert] = await alerts(mine.staff.token);
    expect(alert.title).toBe(`Student zonder stageplaats (start ${addDays(today, 35)})`);
    expect(alert.body).toContain(soon);
    expect(alert.body).not.toContain(later);
    expect(await alerts(mine.admin.token)).toHaveLength(1);
    // The other school hears of its own student only.
    await eventually(async () => (await alerts(elsewhereSchool.admin.token)).length === 1);
    const [other] = await alerts(elsewhereSchool.admin.token);
    expect(other.body).toContain(elsewhere);
    expect(other.body).not.toContain(soon);
    expect(await t.dataSource.query('SELECT student_id FROM unplaced_student_alerts WHERE student_id = ANY($1) ORDER BY student_id', [ours])).toEqual(
      [soon, elsewhere].sort().map((id) => ({ student_id: id })),
    );
    expect(await t.dataSource.query(`SELECT actor_role FROM audit_log WHERE action = 'student.unplaced-alert' AND entity_id = ANY($1)`, [ours])).toEqual([
      { actor_role: 'SYSTEM' },
      { actor_role: 'SYSTEM' },
    ]);

    // The school's list: within six weeks (the default) only the soon one; eight weeks also the later one.
    const six = dataOf(await t.gql(UNPLACED, {}, mine.staff.token)).studentsWithoutPlacement;
    expect(six).toMatchObject({ weeks: 6, asOf: today, horizon: addDays(today, 42), total: 1, alreadyStarted: 0, bySchool: [{ school: mine.name, students: 1 }] });
    expect(six.students.edges.map((edge: any) => edge.node)).toEqual([
      { studentId: soon, startDate: addDays(today, 35), daysLeft: 35, crebo: ALERTS, region: 'Utrecht', student: { id: soon, availableFrom: addDays(today, 35) } },
    ]);
    const eight = dataOf(await t.gql(UNPLACED, { weeks: 8, first: 1 }, mine.staff.token)).studentsWithoutPlacement;
    expect(eight).toMatchObject({ total: 2, students: { totalCount: 2, pageInfo: { hasNextPage: true } } });
    const next = dataOf(await t.gql(UNPLACED, { weeks: 8, first: 1, after: eight.students.pageInfo.endCursor }, mine.staff.token)).studentsWithoutPlacement;
    expect(next.students.edges.map((edge: any) => [edge.node.studentId, edge.node.daysLeft])).toEqual([[later, 56]]);
    // Another school does not see them.
    const theirs = dataOf(await t.gql(UNPLACED, { weeks: 8 }, elsewhereSchool.admin.token)).studentsWithoutPlacement;
    expect(theirs.students.edges.map((edge: any) => edge.node.studentId)).toEqual([elsewhere]);

    // SBB: counts per school, crebo and province, never the students.
    const national = dataOf(await t.gql(UNPLACED, { weeks: 8 }, sbb)).studentsWithoutPlacement;
    expect(national.students).toBeNull();
    expect(national.total - sbbBefore.total).toBe(3);
    expect(national.bySchool.filter((s: any) => [mine.name, elsewhereSchool.name].includes(s.school))).toEqual([
      { school: mine.name, students: 2 },
      { school: elsewhereSchool.name, students: 1 },
    ]);
    expect(national.byCrebo.filter((c: any) => c.crebo === ALERTS)).toEqual([{ crebo: ALERTS, students: 3 }]);
    const perRegion = (report: any, region: string) => report.byRegion.find((r: any) => r.region === region)?.students ?? 0;
    expect(['Utrecht', 'Groningen'].map((region) => perRegion(national, region) - perRegion(sbbBefore, region))).toEqual([2, 1]);

    // A start that has passed while she is still unplaced stays on the list, with negative days left.
    dataOf(await t.gql(AVAILABLE_FROM, { id: soon, from: addDays(today, -3) }, mine.staff.token));
    const passed = dataOf(await t.gql(UNPLACED, {}, mine.staff.token)).studentsWithoutPlacement;
    expect(passed).toMatchObject({ total: 1, alreadyStarted: 1 });
    expect(passed.students.edges[0].node).toMatchObject({ studentId: soon, daysLeft: -3 });
  });

  it('reports terminations by reason, side and crebo, and the rematch time when the student is placed again; still waiting when not', async () => {
    const school = await make.school();
    const company = await make.company({ crebos: [REMATCH] });
    const placementId = await placement(company, REMATCH, 2);
    const first = await make.internship(school, company, placementId, { crebo: REMATCH });
    const rosa = first.student.id;
    expect(dataOf(await t.gql(TERMINATE, { id: first.internshipId, input: { code: 'COMPANY_STOPPED', reason: 'Afdeling sluit' } }, company.admin.token)).terminateInternship.status).toBe('TERMINATED');
    const period = { from: addDays(today, -30), to: today };
    const report = async (token = sbb, f: Record<string, unknown> = { ...period, crebo: REMATCH }) => dataOf(await t.gql(TERMINATIONS, { f }, token)).terminationsReport;

    expect(await report()).toEqual({
      ...period,
      terminated: 1,
      byReason: [{ reason: 'COMPANY_STOPPED', internships: 1 }],
      byParty: [{ terminatedBy: 'COMPANY', internships: 1 }],
      byCrebo: [{ crebo: REMATCH, internships: 1 }],
      rematch: { rematched: 0, medianDays: null, meanDays: null, stillWaiting: 1, longestWaitDays: 0, leftWithoutRematch: 0 },
    });
    // She is matched again (the terminated internship no longer holds her back) and both sides accept.
    await make.preferences(school, rosa, [placementId]);
    const round = dataOf(await t.gql('mutation { openMatchRound(input: { periodFrom: "2027-01-01", periodTo: "2027-03-01" }) { id } }', {}, (await make.platformAdmin()).token)).openMatchRound;
    await eventually(async () => dataOf(await t.gql('query($id: ID!) { matchRound(id: $id) { status } }', { id: round.id }, school.staff.token)).matchRound.status === 'COMPLETED');
    const [proposal] = dataOf(await t.gql('query($s: ID!) { proposals(studentId: $s, status: OPEN) { edges { node { id } } } }', { s: rosa }, school.staff.token)).proposals.edges;
    const answer = 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { status } }';
    dataOf(await t.gql(answer, { id: proposal.node.id }, company.admin.token));
    expect(dataOf(await t.gql(answer, { id: proposal.node.id }, school.staff.token)).answerProposal.status).toBe('ACCEPTED');
    expect(await t.dataSource.query('SELECT status FROM internships WHERE student_id = $1 ORDER BY created_at', [rosa])).toEqual([{ status: 'TERMINATED' }, { status: 'PLANNED' }]);

    // The termination was nine days before the new internship.
    await t.dataSource.query(`UPDATE internships SET created_at = created_at - interval '60 days', ended_at = ended_at - interval '9 days' WHERE id = $1`, [first.internshipId]);
    expect((await report()).rematch).toEqual({ rematched: 1, medianDays: 9, meanDays: 9, stillWaiting: 0, longestWaitDays: null, leftWithoutRematch: 0 });

    // Another student's internship ends four days ago, ended by the school; nobody replaces it.
    const second = await make.internship(school, company, placementId, { crebo: REMATCH });
    dataOf(await t.gql(TERMINATE, { id: second.internshipId, input: { code: 'STUDENT_CHOICE', reason: '  Student stopt met de opleiding ' } }, school.admin.token));
    await t.dataSource.query(`UPDATE internships SET created_at = created_at - interval '60 days', ended_at = ended_at - interval '4 days' WHERE id = $1`, [second.internshipId]);
    expect(await report()).toMatchObject({
      terminated: 2,
      byReason: [
        { reason: 'COMPANY_STOPPED', internships: 1 },
        { reason: 'STUDENT_CHOICE', internships: 1 },
      ],
      byParty: [
        { terminatedBy: 'SCHOOL', internships: 1 },
        { terminatedBy: 'COMPANY', internships: 1 },
      ],
      byCrebo: [{ crebo: REMATCH, internships: 2 }],
      rematch: { rematched: 1, medianDays: 9, meanDays: 9, stillWaiting: 1, longestWaitDays: 4, leftWithoutRematch: 0 },
    });
    // Archived without a new internship: he left rather than waits.
    dataOf(await t.gql(ARCHIVE, { id: second.student.id }, school.admin.token));
    expect((await report()).rematch).toMatchObject({ stillWaiting: 0, longestWaitDays: null, leftWithoutRematch: 1 });

    // The period is by termination date; the school sees its own students only; filters narrow.
    expect((await report(sbb, { from: addDays(today, -5), to: today, crebo: REMATCH })).terminated).toBe(1);
    expect((await report(school.staff.token)).terminated).toBe(2);
    expect((await report(utrecht.admin.token)).terminated).toBe(0);
    expect((await report(sbb, { ...period, crebo: REMATCH, region: 'Groningen' })).terminated).toBe(0);
    expect((await report(sbb, { ...period, region: 'Utrecht', sector: 'ZORG_WELZIJN_SPORT', crebo: REMATCH })).terminated).toBe(2);
    expect((await report(sbb, { ...period, crebo: VERZORGENDE })).terminated).toBe(0);
  });
});
