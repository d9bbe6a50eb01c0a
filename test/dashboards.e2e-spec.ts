import { StudentsWithoutPlacementCheck } from '../src/modules/unplaced-students/jobs/students-without-placement.check';
import { dutchDateOf } from '../src/common/clock/clock';
import { validPlacement, validStudent } from './support/fixtures';
import { placeStudent } from './support/placement-flow';
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
const CREATE_STUDENT = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }';
const TERMINATE = 'mutation($id: ID!, $input: TerminateInternshipInput!) { terminateInternship(id: $id, input: $input) { status } }';

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('dashboards: places versus students, students without a placement, terminations and rematch times', () => {
  let t: TestApp;
  const today = dutchDateOf(new Date());
  const row = (report: any, crebo: string, region: string) => report.rows.find((r: any) => r.crebo === crebo && r.region === region);
  const supply = async (user: 'sbbAuditor' | 'schoolStaff' | 'otherSchoolAdmin' | 'platformAdmin', f?: Record<string, unknown>) =>
    dataOf(await t.gql(SUPPLY, { f }, await t.as(user))).placeSupply;
  let seq = 0;
  /** A new ROC Utrecht student (verzorgende IG, home in Utrecht) starting on `availableFrom`. */
  const newStudent = async (availableFrom: string, user: 'schoolStaff' | 'otherSchoolAdmin' = 'schoolStaff') => {
    seq += 1;
    const input = {
      ...validStudent(),
      crebo: '25655',
      level: 3,
      homePostcode: user === 'schoolStaff' ? '3511' : '9711',
      availableFrom,
      availableUntil: addDays(availableFrom, 150),
      identity: { fullName: `Dashboard Student ${seq}`, dateOfBirth: '2007-03-01', email: `dash${seq}@student.test` },
    };
    return dataOf(await t.gql(CREATE_STUDENT, { input }, await t.as(user))).createStudent.id as string;
  };

  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.stop());

  it('shows SBB open seats against students without a placement per crebo and province, worst shortage first; a school the same seats but only its own students', async () => {
    const sbb = await supply('sbbAuditor');
    expect(sbb.asOf).toBe(today);
    expect(sbb.ownStudentsOnly).toBe(false);
    // Demo data: 18 published placements with 32 seats; 40 students, none placed.
    expect(sbb.totals).toEqual({ openSeats: 32, placements: 18, studentsWithoutPlacement: 40, seatsPerStudent: 0.8, shortfall: 11 });
    expect(sbb.rows.slice(0, 4).map((r: any) => [r.crebo, r.region, r.shortfall])).toEqual([
      ['25415', 'Groningen', 5],
      ['25180', 'Drenthe', 3],
      ['25655', 'Utrecht', 2],
      ['25180', 'Utrecht', 1],
    ]);
    const shortfalls = sbb.rows.map((r: any) => r.shortfall);
    expect(shortfalls).toEqual([...shortfalls].sort((a, b) => b - a));
    // Students in Drenthe, no place there at all: a ratio of 0, not null.
    expect(row(sbb, '25180', 'Drenthe')).toEqual({ crebo: '25180', region: 'Drenthe', openSeats: 0, placements: 0, studentsWithoutPlacement: 3, seatsPerStudent: 0, shortfall: 3 });
    expect(row(sbb, '25655', 'Utrecht')).toMatchObject({ openSeats: 5, placements: 4, studentsWithoutPlacement: 7, shortfall: 2 });
    expect(row(sbb, '25655', 'Utrecht').seatsPerStudent).toBeCloseTo(5 / 7);
    expect(await supply('platformAdmin')).toEqual(sbb);

    // ROC Utrecht: the same seats everywhere, but only its own 20 students; no Groningen student appears.
    const school = await supply('schoolStaff');
    expect(school.ownStudentsOnly).toBe(true);
    expect(school.totals).toMatchObject({ openSeats: 32, placements: 18, studentsWithoutPlacement: 20 });
    expect(row(school, '25415', 'Groningen')).toMatchObject({ openSeats: 2, studentsWithoutPlacement: 0, seatsPerStudent: null, shortfall: 0 });
    expect(row(school, '25180', 'Drenthe')).toBeUndefined();
    expect(row(school, '25655', 'Utrecht')).toEqual(row(sbb, '25655', 'Utrecht'));
    expect((await supply('otherSchoolAdmin')).totals.studentsWithoutPlacement).toBe(20);

    // Filters: crebo, province, sector (the zorg sector offers 25655 only).
    expect((await supply('sbbAuditor', { crebo: '25655' })).rows.map((r: any) => [r.crebo, r.region])).toEqual([['25655', 'Utrecht']]);
    expect((await supply('sbbAuditor', { region: 'Groningen' })).rows.every((r: any) => r.region === 'Groningen')).toBe(true);
    expect((await supply('sbbAuditor', { region: 'Groningen' })).totals).toMatchObject({ studentsWithoutPlacement: 17 });
    const zorg = await supply('sbbAuditor', { sector: 'ZORG_WELZIJN_SPORT' });
    expect(zorg.rows).toEqual([row(sbb, '25655', 'Utrecht')]);
  });

  it('counts a newly published placement as open seats, a new student as without a placement, and a placed student as neither', async () => {
    const company = await t.as('companyAdmin');
    const me = dataOf(await t.gql('{ me { organization { branches { id } trainers { id } } } }', {}, company)).me.organization;
    const input = validPlacement(me.branches[0].id, me.trainers[0].id, { title: 'Verzorgende IG — dashboardplaats', description: 'Twee plaatsen' });
    const id = dataOf(await t.gql('mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }', { input }, company)).createPlacement.id;
    // A draft is not a place yet.
    expect(row(await supply('sbbAuditor'), '25655', 'Utrecht')).toMatchObject({ openSeats: 5, placements: 4 });
    expect(dataOf(await t.gql('mutation($id: ID!) { publishPlacement(id: $id) { __typename ... on Placement { status } } }', { id }, company)).publishPlacement).toEqual({
      __typename: 'Placement',
      status: 'PUBLISHED',
    });
    expect(row(await supply('sbbAuditor'), '25655', 'Utrecht')).toMatchObject({ openSeats: 7, placements: 5, studentsWithoutPlacement: 7, shortfall: 0 });

    await newStudent('2027-02-01');
    expect(row(await supply('sbbAuditor'), '25655', 'Utrecht')).toMatchObject({ openSeats: 7, studentsWithoutPlacement: 8, shortfall: 1 });

    // Placed: she takes a seat and is no longer without a placement.
    await placeStudent(t, { fullName: 'Sara Dashboard', dateOfBirth: '2007-09-09', email: 'sara.dash@student.test' });
    const after = row(await supply('sbbAuditor'), '25655', 'Utrecht');
    expect(after).toMatchObject({ openSeats: 6, placements: 5, studentsWithoutPlacement: 8, shortfall: 2 });
    expect(after.seatsPerStudent).toBeCloseTo(6 / 8);
    expect(row(await supply('schoolStaff'), '25655', 'Utrecht')).toEqual(after);
  });

  it('refuses companies (FORBIDDEN) and bad input (BAD_USER_INPUT naming the field)', async () => {
    for (const user of ['companyAdmin', 'companyStaff'] as const) {
      const token = await t.as(user);
      for (const response of [
        await t.gql(SUPPLY, {}, token),
        await t.gql(UNPLACED, {}, token),
        await t.gql(TERMINATIONS, { f: { from: '2026-01-01', to: '2026-12-31' } }, token),
      ]) {
        expect(onlyError(response).extensions.code).toBe('FORBIDDEN');
        expect(response.data ?? null).toBeNull();
      }
    }
    const sbb = await t.as('sbbAuditor');
    const fieldsOf = async (query: string, variables: Record<string, unknown>, token = sbb) => {
      const error = onlyError(await t.gql(query, variables, token));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      return error.extensions.fields;
    };
    expect(await fieldsOf(SUPPLY, { f: { region: 'Atlantis' } })).toEqual([expect.objectContaining({ path: 'filter.region', message: expect.stringContaining('Atlantis') })]);
    expect(await fieldsOf(SUPPLY, { f: { crebo: '2565' } })).toEqual([expect.objectContaining({ path: 'filter.crebo', rule: 'R4' })]);
    for (const weeks of [0, 53]) expect(await fieldsOf(UNPLACED, { weeks }, await t.as('schoolStaff'))).toEqual([expect.objectContaining({ path: 'weeks' })]);
    const period = (f: Record<string, unknown>) => fieldsOf(TERMINATIONS, { f });
    expect(await period({ from: '2026-06-01', to: '2026-05-31' })).toEqual([expect.objectContaining({ path: 'filter.to', message: expect.stringContaining('before') })]);
    expect(await period({ from: '2020-01-01', to: '2025-01-02' })).toEqual([expect.objectContaining({ path: 'filter.to', message: expect.stringContaining('5 years') })]);
    expect(await period({ from: '2021-01-01', to: '2026-01-01', region: 'Atlantis' })).toEqual([expect.objectContaining({ path: 'filter.region' })]);
    // Exactly five years is allowed.
    expect(dataOf(await t.gql(TERMINATIONS, { f: { from: '2021-01-01', to: '2026-01-01' } }, sbb)).terminationsReport.terminated).toBe(0);
  });

  it('tells a school once of each of its students without a placement starting within the alert window, and lists them for it; SBB gets counts only', async () => {
    const soon = await newStudent(addDays(today, 35));
    const later = await newStudent(addDays(today, 56));
    const elsewhere = await newStudent(addDays(today, 35), 'otherSchoolAdmin');
    const archived = await newStudent(addDays(today, 35));
    dataOf(await t.gql('mutation($id: ID!) { archiveStudent(id: $id) { archivedAt } }', { id: archived }, await t.as('schoolAdmin')));
    const placedInternship = await placeStudent(t, { fullName: 'Placed Early', dateOfBirth: '2007-01-01', email: 'placed.early@student.test' });
    const [{ student_id: placed }] = await t.dataSource.query('SELECT student_id FROM internships WHERE id = $1', [placedInternship]);
    // Her internship (2027-02-01 onwards) still covers her availability from five weeks ahead.
    await t.dataSource.query('UPDATE students SET available_from = $2 WHERE id = $1', [placed, addDays(today, 35)]);

    const check = t.app.get(StudentsWithoutPlacementCheck);
    await check.run(today);
    await check.run(today);
    await check.run(addDays(today, 1));

    const alerts = async (user: 'schoolStaff' | 'schoolAdmin' | 'otherSchoolAdmin') =>
      dataOf(await t.gql('{ notifications(first: 100) { edges { node { eventType title body } } } }', {}, await t.as(user))).notifications.edges
        .map((edge: any) => edge.node)
        .filter((node: any) => node.eventType === 'STUDENT_WITHOUT_PLACEMENT');
    await eventually(async () => (await alerts('schoolStaff')).length === 1);
    const [alert] = await alerts('schoolStaff');
    expect(alert.title).toBe(`Student zonder stageplaats (start ${addDays(today, 35)})`);
    expect(alert.body).toContain(soon);
    expect(alert.body).not.toContain('Dashboard Student');
    expect(await alerts('schoolAdmin')).toHaveLength(1);
    // Noorderpoort hears of its own student only.
    await eventually(async () => (await alerts('otherSchoolAdmin')).length === 1);
    const [other] = await alerts('otherSchoolAdmin');
    expect(other.body).toContain(elsewhere);
    expect(other.body).not.toContain(soon);
    expect(await t.dataSource.query('SELECT student_id FROM unplaced_student_alerts ORDER BY student_id')).toEqual([soon, elsewhere].sort().map((id) => ({ student_id: id })));
    expect(await t.dataSource.query(`SELECT actor_role FROM audit_log WHERE action = 'student.unplaced-alert'`)).toEqual([{ actor_role: 'SYSTEM' }, { actor_role: 'SYSTEM' }]);

    // The school's list: within six weeks (the default) only the soon one; eight weeks also the later one.
    const school = await t.as('schoolStaff');
    const six = dataOf(await t.gql(UNPLACED, {}, school)).studentsWithoutPlacement;
    expect(six).toMatchObject({ weeks: 6, asOf: today, horizon: addDays(today, 42), total: 1, alreadyStarted: 0, bySchool: [{ school: 'ROC Utrecht (demo)', students: 1 }] });
    expect(six.students.edges.map((edge: any) => edge.node)).toEqual([
      { studentId: soon, startDate: addDays(today, 35), daysLeft: 35, crebo: '25655', region: 'Utrecht', student: { id: soon, availableFrom: addDays(today, 35) } },
    ]);
    const eight = dataOf(await t.gql(UNPLACED, { weeks: 8, first: 1 }, school)).studentsWithoutPlacement;
    expect(eight).toMatchObject({ total: 2, students: { totalCount: 2, pageInfo: { hasNextPage: true } } });
    const next = dataOf(await t.gql(UNPLACED, { weeks: 8, first: 1, after: eight.students.pageInfo.endCursor }, school)).studentsWithoutPlacement;
    expect(next.students.edges.map((edge: any) => [edge.node.studentId, edge.node.daysLeft])).toEqual([[later, 56]]);
    // Another school does not see them.
    const noorderpoort = dataOf(await t.gql(UNPLACED, { weeks: 8 }, await t.as('otherSchoolAdmin'))).studentsWithoutPlacement;
    expect(noorderpoort.students.edges.map((edge: any) => edge.node.studentId)).toEqual([elsewhere]);

    // SBB: counts per school, crebo and province, never the students.
    const sbb = dataOf(await t.gql(UNPLACED, { weeks: 8 }, await t.as('sbbAuditor'))).studentsWithoutPlacement;
    expect(sbb).toMatchObject({
      total: 3,
      bySchool: [
        { school: 'ROC Utrecht (demo)', students: 2 },
        { school: 'Noorderpoort (demo)', students: 1 },
      ],
      byCrebo: [{ crebo: '25655', students: 3 }],
      byRegion: [
        { region: 'Utrecht', students: 2 },
        { region: 'Groningen', students: 1 },
      ],
      students: null,
    });

    // A start that has passed while she is still unplaced stays on the list, with negative days left.
    await t.dataSource.query('UPDATE students SET available_from = $2 WHERE id = $1', [soon, addDays(today, -3)]);
    const passed = dataOf(await t.gql(UNPLACED, {}, school)).studentsWithoutPlacement;
    expect(passed).toMatchObject({ total: 1, alreadyStarted: 1 });
    expect(passed.students.edges[0].node).toMatchObject({ studentId: soon, daysLeft: -3 });
  });

  it('reports terminations by reason, side and crebo, and the rematch time when the student is placed again; still waiting when not', async () => {
    const school = await t.as('schoolStaff');
    const company = await t.as('companyAdmin');
    const first = await placeStudent(t, { fullName: 'Rematch Rosa', dateOfBirth: '2007-04-04', email: 'rosa@student.test' });
    const [{ student_id: rosa }] = await t.dataSource.query('SELECT student_id FROM internships WHERE id = $1', [first]);
    expect(dataOf(await t.gql(TERMINATE, { id: first, input: { reason: 'Afdeling sluit' } }, company)).terminateInternship.status).toBe('TERMINATED');
    const period = { from: addDays(today, -30), to: today };
    const report = async (user: 'sbbAuditor' | 'schoolStaff' | 'otherSchoolAdmin' = 'sbbAuditor', f: Record<string, unknown> = period) =>
      dataOf(await t.gql(TERMINATIONS, { f }, await t.as(user))).terminationsReport;

    expect(await report()).toEqual({
      ...period,
      terminated: 1,
      byReason: [{ reason: 'Afdeling sluit', internships: 1 }],
      byParty: [{ terminatedBy: 'COMPANY', internships: 1 }],
      byCrebo: [{ crebo: '25655', internships: 1 }],
      rematch: { rematched: 0, medianDays: null, meanDays: null, stillWaiting: 1, longestWaitDays: 0, leftWithoutRematch: 0 },
    });
    // She is matched again (the terminated internship no longer holds her back) and both sides accept.
    const placements = dataOf(
      await t.gql('query($f: PlacementFilter) { placements(filter: $f, first: 50) { edges { node { id } } } }', {
        f: { crebo: '25655', startFrom: '2027-02-01', startTo: '2027-02-01', near: { postcode: '3511', radiusKm: 15 } },
      }, school),
    ).placements.edges.map((edge: any) => edge.node.id);
    dataOf(await t.gql('mutation($s: ID!, $p: [ID!]!) { setStudentPreferences(studentId: $s, placementIds: $p) { __typename } }', { s: rosa, p: placements }, school));
    const round = dataOf(await t.gql('mutation { openMatchRound(input: { periodFrom: "2027-01-01", periodTo: "2027-03-01" }) { id } }', {}, await t.as('platformAdmin'))).openMatchRound;
    await eventually(async () => dataOf(await t.gql('query($id: ID!) { matchRound(id: $id) { status } }', { id: round.id }, school)).matchRound.status === 'COMPLETED');
    const [proposal] = dataOf(await t.gql('query($s: ID!) { proposals(studentId: $s, status: OPEN) { edges { node { id } } } }', { s: rosa }, school)).proposals.edges;
    const answer = 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { status } }';
    dataOf(await t.gql(answer, { id: proposal.node.id }, company));
    expect(dataOf(await t.gql(answer, { id: proposal.node.id }, school)).answerProposal.status).toBe('ACCEPTED');
    expect(await t.dataSource.query('SELECT status FROM internships WHERE student_id = $1 ORDER BY created_at', [rosa])).toEqual([{ status: 'TERMINATED' }, { status: 'PLANNED' }]);

    // The termination was nine days before the new internship.
    await t.dataSource.query(`UPDATE internships SET created_at = created_at - interval '60 days', ended_at = ended_at - interval '9 days' WHERE id = $1`, [first]);
    expect((await report()).rematch).toEqual({ rematched: 1, medianDays: 9, meanDays: 9, stillWaiting: 0, longestWaitDays: null, leftWithoutRematch: 0 });

    // Another student's internship ends four days ago, ended by the school; nobody replaces it.
    const second = await placeStudent(t, { fullName: 'Waiting Wim', dateOfBirth: '2007-05-05', email: 'wim@student.test' });
    dataOf(await t.gql(TERMINATE, { id: second, input: { reason: '  Student stopt met de opleiding ' } }, await t.as('schoolAdmin')));
    await t.dataSource.query(`UPDATE internships SET created_at = created_at - interval '60 days', ended_at = ended_at - interval '4 days' WHERE id = $1`, [second]);
    const both = await report();
    expect(both).toMatchObject({
      terminated: 2,
      byReason: [
        { reason: 'Afdeling sluit', internships: 1 },
        { reason: 'Student stopt met de opleiding', internships: 1 },
      ],
      byParty: [
        { terminatedBy: 'SCHOOL', internships: 1 },
        { terminatedBy: 'COMPANY', internships: 1 },
      ],
      byCrebo: [{ crebo: '25655', internships: 2 }],
      rematch: { rematched: 1, medianDays: 9, meanDays: 9, stillWaiting: 1, longestWaitDays: 4, leftWithoutRematch: 0 },
    });
    // Archived without a new internship: she left rather than waits.
    const [{ student_id: wim }] = await t.dataSource.query('SELECT student_id FROM internships WHERE id = $1', [second]);
    dataOf(await t.gql('mutation($id: ID!) { archiveStudent(id: $id) { archivedAt } }', { id: wim }, await t.as('schoolAdmin')));
    expect((await report()).rematch).toMatchObject({ stillWaiting: 0, longestWaitDays: null, leftWithoutRematch: 1 });

    // The period is by termination date; the school sees its own students only; filters narrow.
    expect((await report('sbbAuditor', { from: addDays(today, -5), to: today })).terminated).toBe(1);
    expect((await report('schoolStaff')).terminated).toBe(2);
    expect((await report('otherSchoolAdmin')).terminated).toBe(0);
    expect((await report('sbbAuditor', { ...period, region: 'Groningen' })).terminated).toBe(0);
    expect((await report('sbbAuditor', { ...period, region: 'Utrecht', sector: 'ZORG_WELZIJN_SPORT', crebo: '25655' })).terminated).toBe(2);
    expect((await report('sbbAuditor', { ...period, crebo: '25604' })).terminated).toBe(0);
  });
});
