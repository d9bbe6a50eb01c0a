import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { withAdvisoryLock } from '../src/database/advisory-lock';
import { Transactions } from '../src/database/transactions';
import { Factories, type SignedIn } from './support/factories';
import { validStudent } from './support/fixtures';
import { TcpProxy } from './support/tcp-proxy';
import { dataOf, TestApp } from './support/test-app';

const CREATE = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }';
const ME = '{ me { email } }';
const SERVER = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

/**
 * The app reaches PostgreSQL through a proxy the test cuts and restores: what a client sees while
 * the database is unreachable (issue #13 §5), and that requests recover by themselves.
 */
describe('PostgreSQL unreachable', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let direct: Client;
  let observer: Client;
  let staffMember: SignedIn;
  let auditor: string;

  beforeAll(async () => {
    proxy = await TcpProxy.start({ host: SERVER.hostname, port: Number(SERVER.port || 5432) });
    t = await TestApp.start({ connectVia: (url) => proxy.url(url), env: { DATABASE_CONNECT_TIMEOUT_MS: '1000' } });
    direct = new Client({ connectionString: t.databaseUrl });
    observer = new Client({ connectionString: t.databaseUrl });
    await Promise.all([direct.connect(), observer.connect()]);
    const make = new Factories(t);
    const [school, sbb] = await Promise.all([make.school(), make.sbb()]);
    [staffMember, auditor] = [school.staff, sbb.token];
  });
  afterEach(() => proxy.restore());
  afterAll(async () => {
    await direct?.end();
    await observer?.end();
    await t?.stop();
    await proxy?.cut();
  });

  const post = (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const call = request(t.app.getHttpServer()).post('/graphql').send({ query, variables });
    return token ? call.set('Authorization', `Bearer ${token}`) : call;
  };
  const studentsNamed = async (fullName: string) =>
    (await direct.query('SELECT count(*)::int AS n FROM student_identities WHERE full_name = $1', [fullName])).rows[0].n;

  it('answers SERVICE_UNAVAILABLE with HTTP 503 while the server refuses connections, and recovers by itself', async () => {
    const staff = staffMember.token;
    expect(dataOf((await post(ME, {}, staff)).body).me.email).toBe(staffMember.email);
    const exportLink = new URL(
      dataOf((await post('mutation { createReportExport(input: { report: PLACE_SUPPLY }) { url } }', {}, auditor)).body).createReportExport.url,
    ).pathname;

    await proxy.cut();
    // Signed in: the sign-in lookup (before execution) fails. Anonymous: the resolver does.
    const signedIn = await post(ME, {}, staff);
    const login = await post('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: staffMember.email, p: staffMember.password });
    const create = await post(CREATE, { input: { ...validStudent(), identity: { ...validStudent().identity, fullName: 'Tijdens Storing' } } }, staff);
    for (const response of [signedIn, login, create]) {
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
      expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\d{4,5}/);
    }
    // Plain HTTP routes too: a CSV download is 503, not 500.
    expect((await request(t.app.getHttpServer()).get(exportLink)).status).toBe(503);
    const ready = await request(t.app.getHttpServer()).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error).toHaveProperty('postgres.status', 'down');
    expect((await request(t.app.getHttpServer()).get('/health/live')).status).toBe(200);

    await proxy.restore();
    const again = await post(ME, {}, staff);
    expect(again.status).toBe(200);
    expect(again.body.data.me.email).toBe(staffMember.email);
    expect((await request(t.app.getHttpServer()).get('/health/ready')).status).toBe(200);
    expect((await request(t.app.getHttpServer()).get(exportLink)).status).toBe(200);
    expect(dataOf((await post(CREATE, { input: validStudent() }, staff)).body).createStudent.id).toEqual(expect.any(String));
    expect(await studentsNamed('Tijdens Storing')).toBe(0);
  });

  it('answers SERVICE_UNAVAILABLE when the connection breaks while a mutation waits on the database, and writes nothing', async () => {
    const staff = staffMember.token;
    const input = { ...validStudent(), identity: { ...validStudent().identity, fullName: 'Verbinding Weg' } };
    await direct.query('BEGIN');
    await direct.query('LOCK TABLE students IN ACCESS EXCLUSIVE MODE');
    try {
      const pending = post(CREATE, { input }, staff).then((response) => response);
      await waitUntil(async () => (await lockWaiters(observer)) > 0);
      await proxy.cut();
      const response = await pending;
      expect(response.status).toBe(503);
      expect(response.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
    } finally {
      await direct.query('COMMIT');
    }
    await proxy.restore();
    expect(await studentsNamed('Verbinding Weg')).toBe(0);
  });

  it('survives the connection breaking under a transaction or an advisory lock it holds, and uses the pool again afterwards', async () => {
    // Before the fix pg's `error` event on a checked-out connection had no listener: the process crashed.
    const transactions = t.app.get(Transactions);
    const dataSource = t.app.get(DataSource);
    const inTransaction = transactions.run(() => transactions.manager.query('SELECT pg_sleep(30)'));
    const holdingLock = withAdvisoryLock(dataSource, 4711, () => new Promise((resolve) => setTimeout(resolve, 1000)));
    await waitUntil(async () => (await sleepers(observer)) > 0);
    await proxy.cut();
    await expect(inTransaction).rejects.toThrow();
    await expect(holdingLock).resolves.toBeUndefined(); // the lock went with the connection; the unlock's failure is not the work's
    await proxy.restore();
    await expect(transactions.run(() => transactions.manager.query('SELECT 1 AS one'))).resolves.toEqual([{ one: 1 }]);
    await expect(withAdvisoryLock(dataSource, 4711, async () => 'locked again')).resolves.toBe('locked again');
  });

  it('gives up after DATABASE_CONNECT_TIMEOUT_MS when the server stops answering, instead of hanging', async () => {
    const staff = staffMember.token;
    proxy.stall();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the pool notices its broken connections
    const response = await post(ME, {}, staff);
    expect(response.status).toBe(503);
    expect(response.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
    await proxy.restore();
    expect((await post(ME, {}, staff)).status).toBe(200);
  }, 20_000);
});

/** Backends of the app waiting for a lock (its request reached the database). */
async function lockWaiters(client: Client): Promise<number> {
  const { rows } = await client.query(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
  );
  return rows[0].n;
}

/** Backends of the app running pg_sleep. */
async function sleepers(client: Client): Promise<number> {
  const { rows } = await client.query(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%'",
  );
  return rows[0].n;
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
