import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import IORedis from 'ioredis';
import { bootstrap } from '../src/bootstrap';
import { redisConnectionOptions } from '../src/common/redis';
import { InvalidEnvironmentError, loadEnvironment } from '../src/config/environment';
import { DEVELOPMENT_JWT_SECRET } from '../src/config/published-secrets';
import { prepareDatabase } from '../src/database/database-bootstrap';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/database/seed/demo-data';
import { databaseExists, dropDatabase, unusedDatabaseUrl } from './support/databases';

/** The fallback docker-compose.yml carried until it required JWT_SECRET from the environment. */
const COMPOSE_FALLBACK_SECRET = 'change-me-in-production-please-32chars-min';
const ALLOWED_ORIGIN = 'https://app.roc-utrecht.example';
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';

const strongSecret = () => randomBytes(32).toString('hex');

/**
 * `node dist/src/main.js` as the compose file and the Docker image run it: NODE_ENV=production,
 * APP_ROLE=all, a first start on an empty database. `bootstrap()` is what main.ts runs before it
 * listens.
 */
describe('production start', () => {
  const saved = { ...process.env };
  const databases: string[] = [];
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;

  const productionEnv = (overrides: Record<string, string | undefined> = {}) => {
    const databaseUrl = unusedDatabaseUrl();
    databases.push(databaseUrl);
    process.env = { ...saved, NODE_ENV: 'production', APP_ROLE: 'all', DATABASE_URL: databaseUrl, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'error' };
    process.env.JWT_SECRET = strongSecret();
    process.env.PROTECTED_ATTRIBUTES_KEY = strongSecret();
    process.env.SSO_ENCRYPTION_KEY = strongSecret();
    process.env.APP_URL = 'https://app.stagematch.test';
    delete process.env.SEED_DEMO_ON_EMPTY;
    delete process.env.CORS_ORIGINS;
    for (const [key, value] of Object.entries(overrides)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    return databaseUrl;
  };

  const refusal = async () => {
    const error = await bootstrap().then(
      () => new Error('the process started'),
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    return (error as Error).message;
  };

  afterAll(async () => {
    process.env = saved;
    for (const url of databases) await dropDatabase(url);
    const redis = new IORedis(redisConnectionOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
    const keys = await redis.keys(`${queuePrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  describe('refuses to start, naming the variable and how to make one, before it touches the database', () => {
    it.each([
      ['the compose fallback', COMPOSE_FALLBACK_SECRET],
      ['the built-in development secret', DEVELOPMENT_JWT_SECRET],
      ['the development secret by default (unset)', undefined],
    ])('JWT_SECRET: %s', async (_, secret) => {
      const databaseUrl = productionEnv({ JWT_SECRET: secret });
      expect(await refusal()).toMatch(/\n\s+JWT_SECRET: this value is published in the Stagematch repository.*`openssl rand -hex 32`/);
      expect(await databaseExists(databaseUrl)).toBe(false);
    });

    it.each([
      ['of 40 bytes with 4 distinct characters', 'wxyz'.repeat(10)],
      ['of 20 bytes written in hex', randomBytes(20).toString('hex')],
    ])('a weak JWT_SECRET %s', async (_, secret) => {
      productionEnv({ JWT_SECRET: secret });
      expect(await refusal()).toMatch(/\n\s+JWT_SECRET: too weak for production.*`openssl rand -hex 32`/);
    });

    it.each([
      ['the compose fallback', '00000000000000000000000000000000000000000000000000000000000000ff', /this value is published/],
      ['unset (the development key)', undefined, /this value is published/],
      ['with 4 distinct bytes', 'deadbeef'.repeat(8), /too weak for production/],
    ])('PROTECTED_ATTRIBUTES_KEY: %s', async (_, key, reason) => {
      productionEnv({ PROTECTED_ATTRIBUTES_KEY: key });
      const message = await refusal();
      expect(message).toMatch(new RegExp(`\\n\\s+PROTECTED_ATTRIBUTES_KEY: ${reason.source}.*\`openssl rand -hex 32\``));
      expect(message).not.toContain('JWT_SECRET');
    });
  });

  it('loads the demo users in production only when SEED_DEMO_ON_EMPTY=true is set', async () => {
    const databaseUrl = productionEnv({ SEED_DEMO_ON_EMPTY: 'true' });
    await prepareDatabase(loadEnvironment());
    const emails = await withDatabase(databaseUrl, 'SELECT email FROM users WHERE email = $1', [DEMO_USERS.platformAdmin.email]);
    expect(emails).toEqual([{ email: DEMO_USERS.platformAdmin.email }]);
  });

  describe('with strong secrets of its own', () => {
    let app: INestApplication;
    const http = () => request(app.getHttpServer());
    const gql = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
      http().post('/graphql').set(headers).send({ query, variables });

    beforeAll(async () => {
      productionEnv({ CORS_ORIGINS: `${ALLOWED_ORIGIN}, http://localhost:5173` });
      ({ app } = await bootstrap());
      await app.init();
    });
    afterAll(() => app?.close());

    it('starts, migrates the empty database and answers /health', async () => {
      const health = await http().get('/health');
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
    });

    it('creates no demo users without SEED_DEMO_ON_EMPTY: the demo admin cannot sign in', async () => {
      const dataSource = app.get<DataSource>(getDataSourceToken());
      expect(await dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual([{ n: 0 }]);
      const login = await gql(LOGIN, { e: DEMO_USERS.platformAdmin.email, p: DEMO_PASSWORD });
      expect(login.body.data).toBeNull();
      expect(login.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('answers a CORS preflight from an allowed origin with the allow headers, without credentials', async () => {
      const preflight = await http()
        .options('/graphql')
        .set('Origin', ALLOWED_ORIGIN)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization, content-type');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      expect(preflight.headers['access-control-allow-headers']?.toLowerCase()).toEqual(expect.stringContaining('authorization'));
      expect(preflight.headers['access-control-allow-headers']?.toLowerCase()).toEqual(expect.stringContaining('content-type'));
      expect(preflight.headers['access-control-max-age']).toBe('600');
      expect(preflight.headers).not.toHaveProperty('access-control-allow-credentials');

      const call = await gql(LOGIN, { e: 'nobody@operator.test', p: 'wrong' }, { Origin: 'http://localhost:5173' });
      expect(call.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(call.headers.vary).toContain('Origin');
      expect(call.headers).not.toHaveProperty('access-control-allow-credentials');
    });

    it.each(['https://evil.example', 'https://app.roc-utrecht.example.evil.example', 'null'])(
      'gives a preflight or call from %s no allow headers, so the browser withholds the answer',
      async (origin) => {
        const preflight = await http()
          .options('/graphql')
          .set('Origin', origin)
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'authorization, content-type');
        expect(preflight.headers).not.toHaveProperty('access-control-allow-origin');
        expect(preflight.headers).not.toHaveProperty('access-control-allow-credentials');
        const call = await gql(LOGIN, { e: 'nobody@operator.test', p: 'wrong' }, { Origin: origin });
        expect(call.headers).not.toHaveProperty('access-control-allow-origin');
      },
    );
  });
});

async function withDatabase(url: string, sql: string, params: unknown[]): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}
