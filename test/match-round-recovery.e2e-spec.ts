import { Client } from 'pg';
import { Factories, type MadeSchool } from './support/factories';
import { validStudent } from './support/fixtures';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';
import { WorkerProcess } from './support/worker-process';

const ROUND = 'query($id: ID!) { matchRound(id: $id) { status proposals unmatched attempt error } }';
const EXPLANATION = 'query($s: ID!, $r: ID!) { matchExplanation(studentId: $s, roundId: $r) { rank } }';
const RERUN = 'mutation($id: ID!) { rerunMatchRound(id: $id) { id status attempt error } }';
/** The lease the workers here renew: a dead worker's round is theirs to re-run two seconds after it died. */
const LEASE_SECONDS = '2';
/** "Within a bounded time after a worker is back": a worker that starts finishes an abandoned round within this. */
const RECOVERY_BOUND_MS = 60_000;

/**
 * Crash recovery of match rounds with real worker processes (the API runs in the test, the
 * workers in child processes): a worker is killed with SIGKILL while it writes a round's
 * proposals, twice, and a fresh worker still finishes the round, exactly once.
 */
describe('match rounds survive workers that die while writing them', () => {
  let t: TestApp;
  let worker: WorkerProcess | null = null;
  let admin: string;
  let sbb: string;
  let school: MadeSchool;
  /** Two PUBLISHED placements starting 2027-02-01, and one starting 2027-09-01 (all verzorgende, Utrecht). */
  let spring: string[];
  let autumn: string;
  let make: Factories;
  /** A new student of the school available for the autumn placement, with it as her only choice. */
  const autumnStudent = async () => (await make.student(school, { availableFrom: '2027-09-01', availableUntil: '2028-01-31', preferences: [autumn] })).id;
  const database = () => new URL(t.databaseUrl).pathname.slice(1);

  beforeAll(async () => {
    t = await TestApp.start({ withWorker: false, env: { MATCH_ROUND_LEASE_SECONDS: LEASE_SECONDS } });
    // A backend whose client died stops waiting at once (by default it notices only when it next writes to the socket).
    await t.dataSource.query(`ALTER DATABASE "${database()}" SET client_connection_check_interval = '200ms'`);
    make = new Factories(t);
    const [platform, auditor, madeSchool, company] = await Promise.all([make.platformAdmin(), make.sbb(), make.school(), make.company()]);
    [admin, sbb, school] = [platform.token, auditor.token, madeSchool];
    spring = [await make.publishedPlacement(company), await make.publishedPlacement(company)];
    autumn = await make.publishedPlacement(company, { startDate: '2027-09-01', endDate: '2028-01-31' });
  });
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await t.stop();
  });

  /** The proposal-writing transaction of `name`'s round, caught after it wrote the proposals and explanations. */
  const midWrite = (name: string) =>
    eventually(async () => {
      const [row] = await t.dataSource.query(
        `SELECT a.pid FROM pg_stat_activity a
          WHERE a.datname = current_database() AND a.application_name = $1 AND a.wait_event_type = 'Lock'
            AND a.query LIKE 'UPDATE students SET rematch_priority%'
            AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.relation = 'proposals'::regclass AND l.mode = 'RowExclusiveLock')`,
        [name],
      );
      return row?.pid as number | undefined;
    }, 40_000);
  const goneFromDatabase = (name: string) =>
    eventually(async () => (await t.dataSource.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1`, [name])).length === 0);

  it('finishes a round exactly once, within the bound, after the worker writing it was killed twice', async () => {
    const staff = school.staff.token;
    const students: string[] = [];
    for (const n of [1, 2, 3]) {
      const input = { ...validStudent(), crebo: '25655', level: 3, radiusKm: 15, availableFrom: '2027-02-01', availableUntil: '2027-07-15', identity: { fullName: `Herstart ${n}`, dateOfBirth: '2007-01-01', email: `h${n}@student.test` } };
      students.push(dataOf(await t.gql('mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }', { input }, staff)).createStudent.id);
    }
    const placements = spring;
    for (const id of students) {
      dataOf(await t.gql('mutation($s: ID!, $p: [ID!]!) { setStudentPreferences(studentId: $s, placementIds: $p) { __typename } }', { s: id, p: placements }, staff));
    }
    // The round's write clears her rematch priority: holding her row stops every worker right there, mid-write.
    await t.dataSource.query('UPDATE students SET rematch_priority = true WHERE id = $1', [students[0]]);
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    // NO KEY UPDATE: the proposals' foreign keys may still share it; only the update of the row itself waits.
    await blocker.query('SELECT 1 FROM students WHERE id = $1 FOR NO KEY UPDATE', [students[0]]);

    const round = dataOf(await t.gql('mutation { openMatchRound(input: { periodFrom: "2027-01-01", periodTo: "2027-03-01" }) { id } }', {}, admin)).openMatchRound;
    try {
      for (const name of ['worker-1', 'worker-2']) {
        worker = new WorkerProcess(name);
        await worker.ready;
        await midWrite(name).catch((error: Error) => {
          throw new Error(`${name} did not reach the middle of the round's write (${error.message}); it printed:\n${worker!.log.slice(-3000)}`);
        });
        await worker.kill('SIGKILL');
        worker = null;
        await goneFromDatabase(name);
        expect(dataOf(await t.gql(ROUND, { id: round.id }, admin)).matchRound.status).toBe('RUNNING');
        expect(await t.count(`proposals WHERE round_id = '${round.id}'`)).toBe(0);
        // The dead attempt's explanations were committed beside its transaction: a round that did not complete explains nothing.
        expect(await t.count(`match_explanations WHERE round_id = '${round.id}'`)).toBe(3);
        expect(onlyError(await t.gql(EXPLANATION, { s: students[1], r: round.id }, staff)).extensions.code).toBe('NOT_FOUND');
      }
    } finally {
      await blocker.query('COMMIT');
      await blocker.end();
    }

    const started = Date.now();
    worker = new WorkerProcess('worker-3');
    const finished = await eventually(async () => {
      const current = dataOf(await t.gql(ROUND, { id: round.id }, admin)).matchRound;
      return current.status === 'COMPLETED' || current.status === 'FAILED' ? current : null;
    }, RECOVERY_BOUND_MS);
    expect(Date.now() - started).toBeLessThan(RECOVERY_BOUND_MS);
    // Three students listing both spring placements (two seats each): every one of them gets a proposal.
    expect(finished).toMatchObject({ status: 'COMPLETED', error: null, attempt: 2, proposals: 3, unmatched: 0 });

    // Exactly once: one set of proposals and explanations, one completion in the audit log, one PROPOSAL_MADE per proposal.
    expect(await t.count(`proposals WHERE round_id = '${round.id}'`)).toBe(finished.proposals);
    expect(await t.count(`match_explanations WHERE round_id = '${round.id}'`)).toBe(3);
    expect(dataOf(await t.gql(EXPLANATION, { s: students[1], r: round.id }, staff)).matchExplanation).toEqual({ rank: expect.any(Number) });
    expect(await t.count(`audit_log WHERE entity_id = '${round.id}' AND action = 'match_round.completed'`)).toBe(1);
    const [{ events, distinct }] = await t.dataSource.query(
      `SELECT count(*)::int AS events, count(DISTINCT o.payload ->> 'proposalId')::int AS distinct FROM outbox o
         JOIN proposals p ON p.id::text = o.payload ->> 'proposalId' WHERE o.type = 'PROPOSAL_MADE' AND p.round_id = $1`,
      [round.id],
    );
    expect({ events, distinct }).toEqual({ events: finished.proposals, distinct: finished.proposals });
    // The jobs of the dead workers come back once BullMQ sees them stalled; they find the round done.
    expect(await t.dataSource.query(`SELECT student_id FROM proposals WHERE status = 'OPEN' GROUP BY student_id HAVING count(*) > 1`)).toEqual([]);
  }, 240_000);

  it('lets a PLATFORM admin run a FAILED round again (same seed, audited); the worker finishes it', async () => {
    await worker!.ready;
    const staff = school.staff.token;
    await autumnStudent();
    const [failed] = await t.dataSource.query(
      `INSERT INTO match_rounds (period_from, period_to, lottery_seed, status, error, completed_at)
       VALUES ('2027-08-01', '2027-10-01', 'seed-of-a-failed-round', 'FAILED', 'Connection terminated unexpectedly', now()) RETURNING id`,
    );

    expect(onlyError(await t.gql(RERUN, { id: failed.id }, staff)).extensions.code).toBe('FORBIDDEN');
    expect(onlyError(await t.gql(RERUN, { id: failed.id }, sbb)).extensions.code).toBe('FORBIDDEN');
    const rerun = dataOf(await t.gql(RERUN, { id: failed.id }, admin)).rerunMatchRound;
    expect(rerun).toMatchObject({ id: failed.id, status: 'QUEUED', attempt: 1, error: null });
    const done = await eventually(async () => {
      const current = dataOf(await t.gql(ROUND, { id: failed.id }, admin)).matchRound;
      return current.status === 'COMPLETED' ? current : null;
    }, 30_000);
    expect(done.proposals).toBe(1);
    const [{ lottery_seed }] = await t.dataSource.query('SELECT lottery_seed FROM match_rounds WHERE id = $1', [failed.id]);
    expect(lottery_seed).toBe('seed-of-a-failed-round');
    const audit = dataOf(
      await t.gql('query($f: AuditLogFilter) { auditLog(filter: $f) { edges { node { action actorRole before after } } } }', { f: { entityId: failed.id } }, sbb),
    ).auditLog.edges.map((edge: any) => edge.node);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'match_round.rerun', actorRole: 'PLATFORM_ADMIN', before: expect.objectContaining({ status: 'FAILED' }), after: expect.objectContaining({ status: 'QUEUED' }) }),
    );

    // A finished round, and one its worker is still running, are not run again: CONFLICT naming the status; nothing changes.
    const completed = onlyError(await t.gql(RERUN, { id: failed.id }, admin));
    expect(completed.extensions.code).toBe('CONFLICT');
    expect(completed.message).toContain('COMPLETED');
    const [running] = await t.dataSource.query(
      `INSERT INTO match_rounds (period_from, period_to, lottery_seed, status, lease_until) VALUES ('2030-01-01', '2030-02-01', 'busy', 'RUNNING', now() + interval '1 hour') RETURNING id`,
    );
    const busy = onlyError(await t.gql(RERUN, { id: running.id }, admin));
    expect(busy.extensions.code).toBe('CONFLICT');
    expect(busy.message).toContain('RUNNING');
    expect(await t.count(`match_rounds WHERE id = '${running.id}' AND attempt = 0 AND status = 'RUNNING'`)).toBe(1);
    expect(onlyError(await t.gql(RERUN, { id: '00000000-0000-4000-8000-000000000000' }, admin)).extensions.code).toBe('NOT_FOUND');
  });

  it('fails a round whose write failed after its explanations were committed, and leaves none of them', async () => {
    await worker!.ready;
    const staff = school.staff.token;
    const studentId = await autumnStudent();
    // The round's PROPOSAL_MADE events are written after both copies: refusing them fails the round's transaction there.
    await t.dataSource.query(`
      CREATE FUNCTION refuse_proposal_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refused the events'; END $$;
      CREATE TRIGGER refuse_proposal_events BEFORE INSERT ON outbox FOR EACH ROW WHEN (NEW.type = 'PROPOSAL_MADE') EXECUTE FUNCTION refuse_proposal_events()`);
    try {
      const round = dataOf(await t.gql('mutation { openMatchRound(input: { periodFrom: "2027-08-01", periodTo: "2027-10-01" }) { id } }', {}, admin)).openMatchRound;
      const failed = await eventually(async () => {
        const current = dataOf(await t.gql(ROUND, { id: round.id }, admin)).matchRound;
        return current.status === 'RUNNING' || current.status === 'QUEUED' ? null : current;
      }, 30_000);
      expect(failed).toMatchObject({ status: 'FAILED', error: 'outbox refused the events' });
      expect(await t.count(`proposals WHERE round_id = '${round.id}'`)).toBe(0);
      expect(await t.count(`match_explanations WHERE round_id = '${round.id}'`)).toBe(0);
      expect(onlyError(await t.gql(EXPLANATION, { s: studentId, r: round.id }, staff)).extensions.code).toBe('NOT_FOUND');
    } finally {
      await t.dataSource.query('DROP TRIGGER refuse_proposal_events ON outbox; DROP FUNCTION refuse_proposal_events()');
    }
  });

  it('lets a PLATFORM admin queue again a RUNNING round whose worker is gone', async () => {
    await worker!.kill('SIGTERM'); // no worker: the admin's rerun is what queues it
    worker = null;
    const [stuck] = await t.dataSource.query(
      `INSERT INTO match_rounds (period_from, period_to, lottery_seed, status, started_at, lease_until)
       VALUES ('2030-03-01', '2030-04-01', 'stuck', 'RUNNING', now() - interval '1 hour', now() - interval '59 minutes') RETURNING id`,
    );
    expect(dataOf(await t.gql(RERUN, { id: stuck.id }, admin)).rerunMatchRound).toMatchObject({ status: 'QUEUED', attempt: 1 });
    expect(await t.count(`audit_log WHERE entity_id = '${stuck.id}' AND action = 'match_round.rerun'`)).toBe(1);
  });
});
