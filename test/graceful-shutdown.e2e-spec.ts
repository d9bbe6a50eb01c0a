import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { Client } from 'pg';
import { AppProcess, buildApp } from './support/app-process';
import { cloneTemplate, dropDatabase } from './support/databases';
import { Factories } from './support/factories';
import { validStudent } from './support/fixtures';
import { TcpProxy } from './support/tcp-proxy';

const CREATE = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }';

interface Answer {
  status?: number;
  connection?: string;
  body?: any;
  error?: string;
}

/** One POST /graphql over `agent` (keep-alive, like a real client): the complete answer, or the socket error. */
function graphql(port: number, agent: Agent, query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  const payload = JSON.stringify({ query, variables });
  return new Promise((resolve) => {
    const call = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode, connection: response.headers.connection, body: JSON.parse(text) }));
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      },
    );
    call.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    call.end(payload);
  });
}

/** Whether a new TCP connection to the port is accepted or refused. */
function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * SIGTERM while requests are in flight (issue #13 §6), on the compiled app as its own process:
 * createStudent calls are held on a table lock so they are surely still running when the signal
 * arrives.
 */
describe('graceful shutdown', () => {
  let databaseUrl: string;
  let lock: Client;
  let observer: Client;
  let lockPid: number;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    [databaseUrl] = await Promise.all([cloneTemplate(), buildApp()]);
    lock = new Client({ connectionString: databaseUrl });
    observer = new Client({ connectionString: databaseUrl });
    await Promise.all([lock.connect(), observer.connect()]);
    lockPid = (await lock.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  }, 180_000);
  afterEach(async () => {
    await lock.query('ROLLBACK').catch(() => undefined);
    await app?.stop();
    app = undefined;
  });
  afterAll(async () => {
    await lock?.end();
    await observer?.end();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  /** Starts the app, signs in as the staff of a school the factories build there, and takes the lock every createStudent will wait on. */
  async function startHeldApp(env: Record<string, string>) {
    const port = await TcpProxy.freePort();
    app = new AppProcess({ DATABASE_URL: databaseUrl, PORT: String(port), ...env });
    await app.waitFor('GraphQL API on');
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const make = new Factories({
      databaseUrl,
      gql: async (query, variables, token) => (await graphql(port, agent, query, variables ?? {}, token)).body,
      login: async (e, p) => (await graphql(port, agent, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e, p })).body.data.login.token,
    });
    const token = (await make.school()).staff.token;
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE students IN ACCESS EXCLUSIVE MODE');
    const mark = `Shutdown ${randomBytes(4).toString('hex')}`;
    const createStudents = (count: number) =>
      Array.from({ length: count }, (_, i) =>
        graphql(port, agent, CREATE, { input: { ...validStudent(), identity: { ...validStudent().identity, fullName: `${mark} ${i}` } } }, token),
      );
    const waitingOnLock = (count: number) =>
      waitUntil(async () => {
        const { rows } = await observer.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
          [new URL(databaseUrl).pathname.slice(1)],
        );
        return rows[0].n >= count;
      });
    const committed = async () =>
      (await observer.query('SELECT student_id FROM student_identities WHERE full_name LIKE $1', [`${mark} %`])).rows.map((row) => row.student_id);
    return { app, port, createStudents, waitingOnLock, committed };
  }

  it.each(['api', 'all'])(
    'APP_ROLE=%s: 40 requests in flight are all answered, new connections are refused, idle keep-alive ones closed, exit 0',
    async (role) => {
      // Half of the 40 hold the pool's 20 connections on the lock, the other half wait for one.
      const held = await startHeldApp({ APP_ROLE: role, DATABASE_CONNECT_TIMEOUT_MS: '30000' });
      const idle = connect(held.port, '127.0.0.1');
      await new Promise((resolve) => idle.once('connect', resolve));
      idle.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      await new Promise((resolve) => idle.once('data', resolve));
      const idleClosed = new Promise((resolve) => idle.once('close', resolve));

      const answers = Promise.all(held.createStudents(40));
      await held.waitingOnLock(20);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the other 20 reach the server too

      held.app.signal('SIGTERM');
      await waitUntil(async () => (await connectOutcome(held.port)) === 'ECONNREFUSED', 5000);
      await idleClosed;
      await new Promise((resolve) => setTimeout(resolve, 500));
      await lock.query('COMMIT');

      const results = await answers;
      expect(results.filter((answer) => answer.error)).toEqual([]);
      for (const answer of results) {
        expect(answer).toMatchObject({ status: 200, connection: 'close' });
        expect(answer.body.errors).toBeUndefined();
      }
      const answeredIds = results.map((answer) => answer.body.data.createStudent.id).sort();
      expect((await held.committed()).sort()).toEqual(answeredIds);
      expect(answeredIds).toHaveLength(40);
      expect(await held.app.exited).toEqual({ code: 0, signal: null });
    },
    90_000,
  );

  it('cuts off what still runs after SHUTDOWN_GRACE_SECONDS: nothing unanswered is committed, exit 1', async () => {
    const held = await startHeldApp({ APP_ROLE: 'api', SHUTDOWN_GRACE_SECONDS: '2' });
    const answers = Promise.all(held.createStudents(5));
    await held.waitingOnLock(5);

    held.app.signal('SIGTERM');
    expect(await held.app.exited).toEqual({ code: 1, signal: null });
    expect(held.app.output).toContain('5 requests still running after 2 s');
    const results = await answers;
    expect(results.every((answer) => answer.error !== undefined)).toBe(true);

    await lock.query('COMMIT');
    await waitUntil(async () => {
      const { rows } = await observer.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND pid <> $2', [
        new URL(databaseUrl).pathname.slice(1),
        lockPid,
      ]);
      return rows[0].n === 0; // the dead app's sessions have ended (rolled back)
    });
    expect(await held.committed()).toEqual([]);
  }, 60_000);
});
