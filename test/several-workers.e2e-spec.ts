import { MatchRoundProcessor } from '../src/modules/matching/jobs/matching.jobs';
import { MatchRoundsService } from '../src/modules/matching/match-rounds.service';
import { Factories } from './support/factories';
import { validStudent } from './support/fixtures';
import { dataOf, onlyError, TestApp } from './support/test-app';

const ANSWER = 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { status } }';
const OPEN_ROUND = 'mutation($input: OpenMatchRoundInput!) { openMatchRound(input: $input) { id } }';

/** A student placed twice, an OPEN proposal in two rounds, a placement offered beyond its seats: what several workers must never leave. */
const BROKEN = {
  studentsWithTwoOpenProposals: `SELECT student_id FROM proposals WHERE status = 'OPEN' GROUP BY student_id HAVING count(*) > 1`,
  placementsOfferedBeyondSeats: `SELECT p.id FROM placements p
     WHERE (SELECT count(*) FROM proposals o WHERE o.placement_id = p.id AND o.status = 'OPEN')
         + (SELECT count(*) FROM internships i WHERE i.placement_id = p.id AND i.status IN ('PLANNED', 'ACTIVE')) > p.capacity`,
  studentsWithTwoSeats: `SELECT student_id FROM internships WHERE status IN ('PLANNED', 'ACTIVE') GROUP BY student_id HAVING count(*) > 1`,
};

/** A seat for `studentId` at `placementId` written straight into the table, as another path taking it at the same moment would. */
const INSERT_SEAT = `INSERT INTO internships (proposal_id, student_id, placement_id, company_id, school_id, start_date, end_date, status)
  SELECT gen_random_uuid(), s.id, p.id, p.company_id, s.school_id, p.start_date, p.end_date, 'PLANNED'
    FROM students s, placements p WHERE s.id = $1 AND p.id = $2 RETURNING id`;

describe('several workers: rounds at once on one database; one seat and one open proposal per student', () => {
  let t: TestApp;
  let company: string;
  let staff: string;
  let placementIds: string[];
  let rounds: string[];
  let make: Factories;
  let elsewhere: string;

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    const [school, ict, zorg] = await Promise.all([make.school(), make.company({ sector: 'ICT_CREATIEVE_INDUSTRIE', crebos: ['25604'] }), make.company()]);
    staff = school.staff.token;
    company = ict.admin.token;
    elsewhere = await make.publishedPlacement(zorg);
    placementIds = [];
    for (const n of [1, 2, 3]) {
      const input = {
        branchId: ict.branchId,
        trainerId: ict.trainerId,
        title: `Software developer — team ${n}`,
        description: 'Stage in een productteam',
        crebos: ['25604'],
        level: 4,
        leerweg: 'BOL',
        werkprocessen: ['realiseren', 'testen'],
        startDate: '2028-03-01',
        endDate: '2028-06-30',
        daysPerWeek: 4,
        hoursPerWeek: 32,
        capacity: 3,
        stipendMonthlyCents: 40000,
        expenseAllowanceCents: 5000,
      };
      const id = dataOf(await t.gql('mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }', { input }, company)).createPlacement.id;
      expect(dataOf(await t.gql('mutation($id: ID!) { publishPlacement(id: $id) { __typename } }', { id }, company)).publishPlacement.__typename).toBe('Placement');
      placementIds.push(id);
    }
    // Twelve students for nine seats, each ranking all three placements.
    for (let n = 0; n < 12; n += 1) {
      const input = { ...validStudent(), availableFrom: '2028-02-01', availableUntil: '2028-07-31', identity: { fullName: `Parallel ${n}`, dateOfBirth: '2008-01-01', email: `p${n}@student.test` } };
      const id = dataOf(await t.gql('mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }', { input }, staff)).createStudent.id;
      const set = 'mutation($s: ID!, $p: [ID!]!) { setStudentPreferences(studentId: $s, placementIds: $p) { __typename } }';
      expect(dataOf(await t.gql(set, { s: id, p: placementIds }, staff)).setStudentPreferences.__typename).toBe('StudentPreferenceList');
    }
  });
  afterAll(() => t.stop());

  it('solves two rounds over overlapping periods and regions, started at the same moment, one after the other: no student gets two OPEN proposals, no placement more than its seats', async () => {
    // Two runners at once on one database, as two worker processes would run them; the queue's own worker stays out of it.
    await t.app.get(MatchRoundProcessor).worker.pause();
    const admin = (await make.platformAdmin()).token;
    rounds = [
      dataOf(await t.gql(OPEN_ROUND, { input: { region: 'Utrecht', periodFrom: '2028-03-01', periodTo: '2028-03-31' } }, admin)).openMatchRound.id,
      dataOf(await t.gql(OPEN_ROUND, { input: { periodFrom: '2028-01-01', periodTo: '2028-06-30' } }, admin)).openMatchRound.id,
    ];
    const service = t.app.get(MatchRoundsService);
    const finished = await Promise.all(rounds.map((id) => service.run(id)));

    expect(finished.map((round) => round.status)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(await t.dataSource.query(BROKEN.studentsWithTwoOpenProposals)).toEqual([]);
    expect(await t.dataSource.query(BROKEN.placementsOfferedBeyondSeats)).toEqual([]);
    // The first round to solve fills the nine seats; the second finds them offered and proposes nothing.
    expect(finished.map((round) => round.proposals).sort()).toEqual([0, 9]);
    const perPlacement = await t.dataSource.query(`SELECT count(*)::int AS n FROM proposals WHERE status = 'OPEN' AND placement_id = ANY($1) GROUP BY placement_id`, [placementIds]);
    expect(perPlacement).toEqual([{ n: 3 }, { n: 3 }, { n: 3 }]);
  });

  it('refuses to seat a student who already holds a seat: CONFLICT naming it to her school, nothing about her to the company (R20), nothing written', async () => {
    const open = await t.dataSource.query(`SELECT id, student_id FROM proposals WHERE status = 'OPEN' AND placement_id = ANY($1) ORDER BY pseudonym LIMIT 2`, [placementIds]);
    const seats: string[] = [];
    for (const proposal of open) seats.push((await t.dataSource.query(INSERT_SEAT, [proposal.student_id, elsewhere]))[0].id);

    // The school's yes completes the first: the school hears which internship she holds.
    expect(dataOf(await t.gql(ANSWER, { id: open[0].id }, company)).answerProposal.status).toBe('OPEN');
    const toSchool = onlyError(await t.gql(ANSWER, { id: open[0].id }, staff));
    expect(toSchool.extensions.code).toBe('CONFLICT');
    expect(toSchool.message).toContain(seats[0]);

    // The company's yes completes the second: it learns the candidate is placed, not who she is or where.
    expect(dataOf(await t.gql(ANSWER, { id: open[1].id }, staff)).answerProposal.status).toBe('OPEN');
    const toCompany = onlyError(await t.gql(ANSWER, { id: open[1].id }, company));
    expect(toCompany.extensions.code).toBe('CONFLICT');
    expect(toCompany.message).toMatch(/heeft al een plek/);
    expect(toCompany.message).not.toContain(open[1].student_id);
    expect(toCompany.message).not.toContain(seats[1]);

    const after = await t.dataSource.query(`SELECT status, company_answer, student_answer FROM proposals WHERE id = ANY($1) ORDER BY pseudonym`, [open.map((p: any) => p.id)]);
    expect(after).toEqual([
      { status: 'OPEN', company_answer: 'ACCEPTED', student_answer: 'PENDING' },
      { status: 'OPEN', company_answer: 'PENDING', student_answer: 'ACCEPTED' },
    ]);
    const held = await t.dataSource.query(`SELECT student_id, count(*)::int AS n FROM internships WHERE student_id = ANY($1) GROUP BY student_id`, [open.map((p: any) => p.student_id)]);
    expect(held.map((row: any) => row.n)).toEqual([1, 1]);
  });

  it('seats every other student once when both sides accept all proposals of both rounds', async () => {
    const open = await t.dataSource.query(
      `SELECT o.id FROM proposals o WHERE o.status = 'OPEN' AND o.round_id = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM internships i WHERE i.student_id = o.student_id)`,
      [rounds],
    );
    expect(open).toHaveLength(7);
    for (const { id } of open) {
      dataOf(await t.gql(ANSWER, { id }, staff));
      expect(dataOf(await t.gql(ANSWER, { id }, company)).answerProposal.status).toBe('ACCEPTED');
    }
    expect(await t.dataSource.query(BROKEN.studentsWithTwoSeats)).toEqual([]);
    expect(await t.dataSource.query(`${BROKEN.placementsOfferedBeyondSeats} AND p.id = ANY($1)`, [placementIds])).toEqual([]);
    expect(await t.count(`internships WHERE placement_id = ANY('{${placementIds.join(',')}}')`)).toBe(7);
  });

  it('has the database itself refuse a second seat or a second OPEN proposal for a student, and allow a new seat once hers ended', async () => {
    const [seated] = await t.dataSource.query(`SELECT student_id, placement_id FROM internships WHERE status = 'PLANNED' AND placement_id = ANY($1) LIMIT 1`, [placementIds]);
    const [other] = await t.dataSource.query(`SELECT id FROM placements WHERE id = ANY($1) AND id <> $2 LIMIT 1`, [placementIds, seated.placement_id]);
    await expect(t.dataSource.query(INSERT_SEAT, [seated.student_id, other.id])).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23505', constraint: 'internships_one_seat_per_student' }),
    });

    const [waiting] = await t.dataSource.query(`SELECT student_id, placement_id, company_id, school_id FROM proposals WHERE status = 'OPEN' AND placement_id = ANY($1) LIMIT 1`, [placementIds]);
    const [{ id: roundId }] = await t.dataSource.query(`INSERT INTO match_rounds (period_from, period_to, lottery_seed, status) VALUES ('2028-01-01', '2028-06-30', 'direct', 'COMPLETED') RETURNING id`);
    await expect(
      t.dataSource.query(
        `INSERT INTO proposals (round_id, student_id, placement_id, company_id, school_id, pseudonym, rank, priority, expires_at)
         VALUES ($1, $2, $3, $4, $5, 'Kandidaat DIRECT', 1, 0, now() + interval '7 days')`,
        [roundId, waiting.student_id, waiting.placement_id, waiting.company_id, waiting.school_id],
      ),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23505', constraint: 'proposals_one_open_per_student' }) });

    await t.dataSource.query(`UPDATE internships SET status = 'TERMINATED' WHERE student_id = $1`, [seated.student_id]);
    expect(await t.dataSource.query(INSERT_SEAT, [seated.student_id, other.id])).toHaveLength(1);
  });
});
