import { eventually } from './receivers';
import { dataOf, type TestApp } from './test-app';
import { validStudent } from './fixtures';

/**
 * Proposes a new student of ROC Utrecht (the demo school) for one of Zorggroep Domstad's
 * verzorgende placements the real way: profile, preferences, a match round. Returns her id and
 * her OPEN proposal's.
 */
export async function proposeStudent(t: TestApp, identity: { fullName: string; dateOfBirth: string; email: string }): Promise<{ studentId: string; proposalId: string }> {
  const staff = await t.as('schoolStaff');
  const company = await t.as('companyAdmin');
  const companyId = dataOf(await t.gql('{ me { organization { id } } }', {}, company)).me.organization.id;
  const input = { ...validStudent(), crebo: '25655', level: 3, radiusKm: 15, availableFrom: '2027-02-01', availableUntil: '2027-07-15', identity };
  const studentId = dataOf(await t.gql('mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }', { input }, staff)).createStudent.id;
  const placements = dataOf(
    await t.gql('query($f: PlacementFilter) { placements(filter: $f, first: 50) { edges { node { id } } } }', {
      f: { crebo: '25655', companyId, startFrom: '2027-02-01', startTo: '2027-02-01', near: { postcode: '3511', radiusKm: 15 } },
    }, staff),
  ).placements.edges.map((edge: any) => edge.node.id);
  dataOf(await t.gql('mutation($s: ID!, $p: [ID!]!) { setStudentPreferences(studentId: $s, placementIds: $p) { __typename } }', { s: studentId, p: placements }, staff));
  const round = dataOf(await t.gql('mutation { openMatchRound(input: { periodFrom: "2027-01-01", periodTo: "2027-03-01" }) { id } }', {}, await t.as('platformAdmin')))
    .openMatchRound;
  await eventually(async () => dataOf(await t.gql('query($id: ID!) { matchRound(id: $id) { status } }', { id: round.id }, staff)).matchRound.status === 'COMPLETED');
  const [proposalId] = dataOf(await t.gql('query($s: ID!) { proposals(studentId: $s, status: OPEN) { edges { node { id } } } }', { s: studentId }, staff)).proposals.edges.map(
    (edge: any) => edge.node.id,
  );
  return { studentId, proposalId };
}

/** Proposes a new student (see `proposeStudent`) and has both sides accept. Returns the internship's id. */
export async function placeStudent(t: TestApp, identity: { fullName: string; dateOfBirth: string; email: string }): Promise<string> {
  const staff = await t.as('schoolStaff');
  const { studentId, proposalId } = await proposeStudent(t, identity);
  const answer = 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { status } }';
  dataOf(await t.gql(answer, { id: proposalId }, await t.as('companyAdmin')));
  dataOf(await t.gql(answer, { id: proposalId }, staff));
  const internships = dataOf(await t.gql('{ internships(first: 100) { edges { node { id studentId } } } }', {}, staff)).internships.edges.map((edge: any) => edge.node);
  return internships.find((internship: any) => internship.studentId === studentId).id;
}

/**
 * Gives students an OPEN proposal at a placement straight in the database (one completed round),
 * for tests that need a company to reach many students at once (assignTrainer takes only students
 * proposed or placed there, R20) without running a round per student.
 */
export async function arrangeOpenProposals(t: TestApp, placementId: string, studentIds: string[]): Promise<void> {
  const [{ id: roundId }] = await t.dataSource.query(
    `INSERT INTO match_rounds (period_from, period_to, lottery_seed, status) VALUES ('2027-01-01', '2027-12-31', md5(random()::text), 'COMPLETED') RETURNING id`,
  );
  await t.dataSource.query(
    `INSERT INTO proposals (round_id, student_id, placement_id, company_id, school_id, pseudonym, rank, priority, expires_at)
     SELECT $1, s.id, p.id, p.company_id, s.school_id, 'Kandidaat ' || upper(substr(md5(random()::text), 1, 10)), 1, 0, now() + interval '7 days'
       FROM students s, placements p WHERE s.id = ANY($2::uuid[]) AND p.id = $3`,
    [roundId, studentIds, placementId],
  );
}
