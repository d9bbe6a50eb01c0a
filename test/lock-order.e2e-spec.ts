import { Factories } from './support/factories';
import { validPlacement, validStudent } from './support/fixtures';
import { eventually } from './support/receivers';
import { dataOf, type GraphqlResponse, TestApp } from './support/test-app';

const CREATE_BRANCH = 'mutation($input: CreateBranchInput!) { createBranch(input: $input) { id } }';
const GRANT = 'mutation($input: GrantAccreditationInput!) { grantAccreditation(input: $input) { id } }';
const CREATE_PLACEMENT = 'mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }';
const PUBLISH = 'mutation($id: ID!) { publishPlacement(id: $id) { __typename ... on Placement { status } } }';
const CREATE_STUDENT = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }';
const PREFER = 'mutation($s: ID!, $p: [ID!]!) { setStudentPreferences(studentId: $s, placementIds: $p) { __typename } }';
const OPEN_ROUND = 'mutation { openMatchRound(input: { periodFrom: "2027-01-01", periodTo: "2027-03-01" }) { id } }';
const ROUND = 'query($id: ID!) { matchRound(id: $id) { status } }';
const PROPOSALS = 'query($s: ID!) { proposals(studentId: $s, status: OPEN) { edges { node { id } } } }';
const ANSWER = 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { status } }';
const REVOKE = 'mutation($input: RevokeAccreditationInput!) { revokeAccreditation(input: $input) { status } }';
const SIGN = 'mutation($id: ID!) { signPok(id: $id, party: STUDENT) { status } }';
const AMEND = 'mutation($id: ID!) { amendPok(internshipId: $id, input: { hoursPerWeek: 24 }) { version } }';

/** Pairs per race: the issue measured deadlocks in 4–8 of 16 (POK) and up to 18 of 52 (revocation). */
const PAIRS = 16;

/** Starts `call` after `ms`: the races are staggered so that some land inside the other transaction's lock window. */
const after = <T>(ms: number, call: () => Promise<T>): Promise<T> => new Promise((resolve) => setTimeout(resolve, ms)).then(call);

/**
 * An answer of a race: success, or a CONFLICT the rules give (the other side won). Never INTERNAL,
 * and never the retryable CONFLICT of a deadlock: the app runs here with one attempt per
 * transaction, so only the lock order keeps these pairs apart (the retry has its own test).
 */
function outcome(response: GraphqlResponse): 'ok' | 'conflict' {
  if (!response.errors?.length) return 'ok';
  expect(response.errors.map((error) => [error.extensions.code, error.extensions.retryable ?? false])).toEqual([['CONFLICT', false]]);
  return 'conflict';
}

describe('lock order: concurrent mutations on the same rows never deadlock into INTERNAL', () => {
  let t: TestApp;
  let company: string;
  let school: string;
  let sbb: string;
  let trainerId: string;
  let platformAdmin: string;

  const placementAt = async (branchId: string, title: string, capacity: number): Promise<string> => {
    const input = validPlacement(branchId, trainerId, { title, capacity });
    const id = dataOf(await t.gql(CREATE_PLACEMENT, { input }, company)).createPlacement.id;
    expect(dataOf(await t.gql(PUBLISH, { id }, company)).publishPlacement).toEqual({ __typename: 'Placement', status: 'PUBLISHED' });
    return id;
  };

  /** A new student of the test's school who ranks only `placementId`. */
  const studentFor = async (placementId: string, n: string): Promise<string> => {
    const input = {
      ...validStudent(),
      crebo: '25655',
      level: 3,
      radiusKm: 15,
      availableFrom: '2027-02-01',
      availableUntil: '2027-07-15',
      identity: { fullName: `Race Student ${n}`, dateOfBirth: '2007-03-02', email: `race-${n}@student.test` },
    };
    const studentId = dataOf(await t.gql(CREATE_STUDENT, { input }, school)).createStudent.id;
    expect(dataOf(await t.gql(PREFER, { s: studentId, p: [placementId] }, school)).setStudentPreferences.__typename).toBe('StudentPreferenceList');
    return studentId;
  };

  // Revocation races: one branch per pair, accredited for 25655, with one placement and one student proposed there.
  const revocations: { accreditationId: string; placementId: string; studentId: string; proposalId?: string }[] = [];
  // POK races: internships (POK version 1 pending) at one placement.
  const poks: { studentId: string; internshipId?: string; pokId?: string }[] = [];

  beforeAll(async () => {
    t = await TestApp.start({ env: { TRANSACTION_MAX_ATTEMPTS: '1' } });
    const make = new Factories(t);
    const [made, madeSchool, madeSbb, platform] = await Promise.all([make.company(), make.school(), make.sbb(), make.platformAdmin()]);
    [company, school, sbb, platformAdmin, trainerId] = [made.admin.token, madeSchool.admin.token, madeSbb.token, platform.token, made.trainerId];

    for (let i = 0; i < PAIRS; i += 1) {
      const branchId = dataOf(
        await t.gql(CREATE_BRANCH, { input: { name: `Race vestiging ${i}`, street: 'Oudegracht', houseNumber: `${i + 1}`, postcode: '3511 AB', city: 'Utrecht' } }, company),
      ).createBranch.id;
      const accreditationId = dataOf(await t.gql(GRANT, { input: { branchId, crebo: '25655', grantedOn: '2026-01-05' } }, sbb)).grantAccreditation.id;
      const placementId = await placementAt(branchId, `Race revocation ${i}`, 1);
      revocations.push({ accreditationId, placementId, studentId: await studentFor(placementId, `r${i}`) });
    }
    const pokPlacement = await placementAt(made.branchId, 'Race POK', PAIRS);
    for (let i = 0; i < PAIRS; i += 1) poks.push({ studentId: await studentFor(pokPlacement, `p${i}`) });

    const round = dataOf(await t.gql(OPEN_ROUND, {}, platformAdmin)).openMatchRound;
    await eventually(async () => dataOf(await t.gql(ROUND, { id: round.id }, school)).matchRound.status === 'COMPLETED', 30_000);
    const proposalOf = async (studentId: string): Promise<string> => {
      const [edge] = dataOf(await t.gql(PROPOSALS, { s: studentId }, school)).proposals.edges;
      expect(edge).toBeDefined();
      return edge.node.id;
    };
    for (const race of revocations) {
      race.proposalId = await proposalOf(race.studentId);
      dataOf(await t.gql(ANSWER, { id: race.proposalId }, company));
    }
    for (const race of poks) {
      const proposalId = await proposalOf(race.studentId);
      dataOf(await t.gql(ANSWER, { id: proposalId }, company));
      dataOf(await t.gql(ANSWER, { id: proposalId }, school));
      const [row] = await t.dataSource.query('SELECT i.id AS "internshipId", k.id AS "pokId" FROM internships i JOIN poks k ON k.internship_id = i.id WHERE i.proposal_id = $1', [proposalId]);
      Object.assign(race, row);
    }
  }, 240_000);
  afterAll(() => t.stop());

  it('signPok ‖ amendPok on one POK: each answer is success or CONFLICT, and the versions stay consistent (R9)', async () => {
    for (const [i, race] of poks.entries()) {
      const [signed, amended] = await Promise.all([t.gql(SIGN, { id: race.pokId }, school), after(i % 4, () => t.gql(AMEND, { id: race.internshipId }, company))]);
      const signOutcome = outcome(signed);
      expect(outcome(amended)).toBe('ok'); // version 1 is pending: an amendment is always allowed, the lock only orders it
      const versions = await t.dataSource.query(`SELECT version, status, signatures ? 'STUDENT' AS "studentSigned" FROM poks WHERE internship_id = $1 ORDER BY version`, [
        race.internshipId,
      ]);
      // Version 2 replaces version 1 either way; the student's signature landed on version 1 only if signing won the race.
      expect(versions).toEqual([
        { version: 1, status: 'SUPERSEDED', studentSigned: signOutcome === 'ok' },
        { version: 2, status: 'PENDING', studentSigned: false },
      ]);
      const [{ audits }] = await t.dataSource.query(`SELECT count(*)::int AS audits FROM audit_log WHERE entity_id = $1 AND action = 'pok.signed_for_student_on_behalf'`, [race.pokId]);
      expect(audits).toBe(signOutcome === 'ok' ? 1 : 0);
    }
  });

  it('answerProposal ‖ revokeAccreditation: each answer is success or CONFLICT, and R2 sees the seat exactly when it was taken', async () => {
    for (const [i, race] of revocations.entries()) {
      const [answered, revoked] = await Promise.all([
        after(i, () => t.gql(ANSWER, { id: race.proposalId }, school)),
        t.gql(REVOKE, { input: { id: race.accreditationId, reason: 'Race: voorwaarden niet meer vervuld' } }, sbb),
      ]);
      const answerOutcome = outcome(answered);
      expect(outcome(revoked)).toBe('ok');
      const [state] = await t.dataSource.query(
        `SELECT o.status AS proposal, p.status AS placement, a.status AS accreditation,
                (SELECT count(*)::int FROM internships i WHERE i.proposal_id = o.id) AS internships,
                (SELECT count(*)::int FROM school_tasks k WHERE k.student_id = o.student_id AND k.placement_id = o.placement_id AND k.kind = 'REPLACEMENT_SEARCH') AS tasks
           FROM proposals o JOIN placements p ON p.id = o.placement_id JOIN accreditations a ON a.id = $2 WHERE o.id = $1`,
        [race.proposalId, race.accreditationId],
      );
      // Accepted first: the internship holds the seat and the revocation opens her replacement search.
      // Revoked first: the open proposal was withdrawn (R2) and the late acceptance refused.
      expect(state).toEqual(
        answerOutcome === 'ok'
          ? { proposal: 'ACCEPTED', placement: 'SUSPENDED', accreditation: 'REVOKED', internships: 1, tasks: 1 }
          : { proposal: 'WITHDRAWN', placement: 'SUSPENDED', accreditation: 'REVOKED', internships: 0, tasks: 1 },
      );
    }
  });
});
