import { OUTAGE_WARNING_INTERVAL_MS } from '../src/common/outage-log';
import { AppProcess, buildApp } from './support/app-process';
import { cloneTemplate, dropDatabase } from './support/databases';
import { TcpProxy } from './support/tcp-proxy';

const DATABASE_SERVER = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const REDIS_SERVER = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const ROLES = ['all', 'api', 'worker'] as const;
const STARTED = { all: 'GraphQL API on', api: 'GraphQL API on', worker: 'Worker started' };
/** How long an outage is watched: past the first repeat warning (OUTAGE_WARNING_INTERVAL_MS), so a flood would show. */
const OUTAGE_WINDOW_MS = OUTAGE_WARNING_INTERVAL_MS + 1500;

/**
 * Each role as its own process (the compiled app) while PostgreSQL or Redis is unreachable
 * (issue #13 §5): it waits and says so, gives up with a clear message, or starts once the
 * dependency is back; Redis errors are a few warnings, not a flood.
 */
describe('start-up with PostgreSQL or Redis unreachable', () => {
  let databaseUrl: string;
  const running: AppProcess[] = [];
  const proxies: TcpProxy[] = [];
  const start = (env: Record<string, string>) => {
    const app = new AppProcess(env);
    running.push(app);
    return app;
  };
  const proxy = async (target: URL, fallbackPort: number, port?: number) => {
    const started = await TcpProxy.start({ host: target.hostname, port: Number(target.port || fallbackPort) }, port);
    proxies.push(started);
    return started;
  };

  beforeAll(async () => {
    [databaseUrl] = await Promise.all([cloneTemplate(), buildApp()]);
  }, 180_000);
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.stop()));
    await Promise.all(proxies.splice(0).map((started) => started.cut()));
  });
  afterAll(() => databaseUrl && dropDatabase(databaseUrl));

  it.each(ROLES)('APP_ROLE=%s waits for PostgreSQL, then exits 1 after DATABASE_WAIT_SECONDS naming host:port (no password)', async (role) => {
    const port = await TcpProxy.freePort();
    const startedAt = Date.now();
    const app = start({ APP_ROLE: role, DATABASE_URL: `postgres://stagematch:s3cret-pw@127.0.0.1:${port}/stagematch`, DATABASE_WAIT_SECONDS: '3' });

    const exit = await app.exited;
    expect(exit).toEqual({ code: 1, signal: null });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(3000);
    expect(app.matching(`waiting for PostgreSQL at 127.0.0.1:${port}`).length).toBeGreaterThanOrEqual(2);
    expect(app.lines.filter(Boolean).at(-1)).toMatch(new RegExp(`^Gave up waiting for PostgreSQL at 127\\.0\\.0\\.1:${port} after 3 s`));
    expect(app.output).not.toContain('s3cret-pw');
    expect(app.matching(/^\s+at /)).toEqual([]); // a message, not a stack trace
  });

  it.each(ROLES)('APP_ROLE=%s starts once PostgreSQL comes up within the wait', async (role) => {
    const port = await TcpProxy.freePort();
    const httpPort = await TcpProxy.freePort();
    const url = new URL(databaseUrl);
    url.port = String(port);
    const app = start({ APP_ROLE: role, DATABASE_URL: url.toString(), PORT: String(httpPort), DATABASE_WAIT_SECONDS: '60' });

    await app.waitFor(`waiting for PostgreSQL at 127.0.0.1:${port}`);
    await proxy(DATABASE_SERVER, 5432, port);
    await app.waitFor(STARTED[role]);
    if (role !== 'worker') expect((await fetch(`http://127.0.0.1:${httpPort}/health/ready`)).status).toBe(200);
    app.signal('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
  });

  it('logs a Redis outage as a few warnings (no "Unhandled error event"), and "Redis reachable again" when it is back', async () => {
    const redis = await proxy(REDIS_SERVER, 6379);
    const httpPort = await TcpProxy.freePort();
    const app = start({ APP_ROLE: 'all', DATABASE_URL: databaseUrl, REDIS_URL: redis.url(REDIS_SERVER.toString()), PORT: String(httpPort) });
    await app.waitFor(STARTED.all);
    const before = app.lines.length;

    await redis.cut();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_WINDOW_MS));
    const during = app.lines.slice(before).filter(Boolean);
    expect(app.output).not.toContain('Unhandled error event');
    expect(during.length).toBeLessThanOrEqual(5);
    expect(during.filter((line) => !line.includes('WARN [Redis] Redis unavailable: '))).toEqual([]);
    expect(during.length).toBeGreaterThanOrEqual(1);

    await redis.restore();
    await app.waitFor('Redis reachable again');
    expect((await fetch(`http://127.0.0.1:${httpPort}/health/ready`)).status).toBe(200);
    expect(app.output).not.toContain('Unhandled error event');
  }, 60_000);

  it.each(['api', 'worker'] as const)(
    'APP_ROLE=%s started while Redis is down: a few warnings, then it runs once Redis is up',
    async (role) => {
      const port = await TcpProxy.freePort();
      const httpPort = await TcpProxy.freePort();
      const app = start({ APP_ROLE: role, DATABASE_URL: databaseUrl, REDIS_URL: `redis://127.0.0.1:${port}`, PORT: String(httpPort) });
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_WINDOW_MS));
      expect(app.output).not.toContain('Unhandled error event');
      expect(app.matching(/^\s+at /)).toEqual([]);
      expect(app.matching('ECONNREFUSED').length).toBeLessThanOrEqual(5);
      expect(app.matching(`WARN [Redis] Redis unavailable: connect ECONNREFUSED 127.0.0.1:${port}`).length).toBeGreaterThanOrEqual(1);

      await proxy(REDIS_SERVER, 6379, port);
      await app.waitFor(STARTED[role]);
      await app.waitFor('Redis reachable again');
      app.signal('SIGTERM');
      expect(await app.exited).toEqual({ code: 0, signal: null });
    },
    60_000,
  );
});
