import { Client } from 'pg';
import { Factories } from './support/factories';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';

const SIGN = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status signatures { party } } }';

/**
 * A deadlock forced from outside: this test's own transaction holds the POK's row lock, signPok
 * takes the internship's and waits for the POK's, then this transaction asks for the internship's.
 * signPok waited first, so PostgreSQL (after `deadlock_timeout`) aborts it with 40P01.
 */
describe('transactions: a deadlock victim runs again, then answers CONFLICT with extensions.retryable', () => {
  let t: TestApp;
  let db: Client;
  let internshipId: string;
  let pokId: string;
  let testPid: number;
  let schoolAdmin: string;

  beforeAll(async () => {
    t = await TestApp.start({ env: { TRANSACTION_MAX_ATTEMPTS: '2' } });
    const make = new Factories(t);
    const [school, company] = await Promise.all([make.school(), make.company()]);
    ({ internshipId } = await make.internship(school, company, await make.publishedPlacement(company)));
    schoolAdmin = school.admin.token;
    [{ id: pokId }] = await t.dataSource.query('SELECT id FROM poks WHERE internship_id = $1', [internshipId]);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    testPid = (await db.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  });
  afterAll(async () => {
    await db.end();
    await t.stop();
  });

  /** Waits until the app's transaction is blocked on the POK row this test holds. */
  const appWaitsForPok = () =>
    eventually(async () => {
      // Asked outside this test's transaction, which would see one snapshot of pg_stat_activity throughout.
      const rows = await t.dataSource.query(
        `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND $1 = ANY(pg_blocking_pids(pid)) AND query LIKE '%FROM "poks"%FOR UPDATE%'`,
        [testPid],
      );
      return rows.length > 0;
    });

  /** Closes the cycle: asks for the internship's lock, which the app holds, and waits until PostgreSQL aborted the app's attempt. */
  const deadlock = async () => {
    await appWaitsForPok();
    await db.query('SAVEPOINT cycle');
    await db.query('SELECT id FROM internships WHERE id = $1 FOR UPDATE', [internshipId]);
    await db.query('ROLLBACK TO SAVEPOINT cycle'); // keeps the POK's lock: the app's next attempt waits for it again
  };

  it('retries the whole transaction: the signature lands once, with one audit row', async () => {
    await db.query('BEGIN');
    await db.query('SELECT id FROM poks WHERE id = $1 FOR UPDATE', [pokId]);
    const signing = t.gql(SIGN, { id: pokId, party: 'STUDENT' }, schoolAdmin);
    await deadlock(); // attempt 1 is the victim
    await appWaitsForPok(); // attempt 2 waits for the POK again ...
    await db.query('COMMIT'); // ... and gets it
    expect(dataOf(await signing).signPok.signatures).toEqual([{ party: 'STUDENT' }]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'pok.signed_for_student_on_behalf'`, [pokId]);
    expect(n).toBe(1);
  });

  it('after TRANSACTION_MAX_ATTEMPTS victims it answers CONFLICT, retryable, and nothing is written', async () => {
    const before = await t.dataSource.query('SELECT signatures FROM poks WHERE id = $1', [pokId]);
    await db.query('BEGIN');
    await db.query('SELECT id FROM poks WHERE id = $1 FOR UPDATE', [pokId]);
    const signing = t.gql(SIGN, { id: pokId, party: 'SCHOOL' }, schoolAdmin);
    await deadlock();
    await deadlock();
    const error = onlyError(await signing);
    await db.query('COMMIT');
    expect(error.extensions).toEqual({ code: 'CONFLICT', retryable: true });
    expect(await t.dataSource.query('SELECT signatures FROM poks WHERE id = $1', [pokId])).toEqual(before);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'pok.signed_for_school'`, [pokId]);
    expect(n).toBe(0);
  });
});
