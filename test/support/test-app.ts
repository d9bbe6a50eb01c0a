import type { INestApplication } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import IORedis from 'ioredis';
import { AppModule } from '../../src/app.module';
import { configureApi } from '../../src/bootstrap';
import { redisConnectionOptions } from '../../src/common/redis';
import { Clock } from '../../src/common/clock/clock';
import { loadEnvironment } from '../../src/config/environment';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/database/seed/demo-data';
import { cloneTemplate, dropDatabase, seedDemoInto } from './databases';
import type { TestClock } from './test-clock';

export interface GraphqlError {
  message: string;
  path?: string[];
  extensions: { code: string; fields?: { path: string; message: string; rule?: string }[]; [key: string]: unknown };
}

export interface GraphqlResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: GraphqlError[];
}

export type DemoUser = keyof typeof DEMO_USERS;

/**
 * The real application (API and worker) on its own database cloned from the migrated template, and its own BullMQ key prefix in the real Redis.
 */
export class TestApp {
  private readonly tokens = new Map<string, string>();

  private constructor(
    readonly app: INestApplication,
    readonly databaseUrl: string,
    readonly queuePrefix: string,
  ) {}

  /**
   * `configure` may replace providers (e.g. `HostResolver`, to stand in for DNS). Webhooks may reach
   * the loopback test receivers unless the test says otherwise (production never allows it).
   * With `env: { NODE_ENV: 'production' }` the app gets fresh strong secrets unless the test names its own.
   * `withWorker: false` starts the API alone (APP_ROLE=api): for tests that run workers as child
   * processes (worker-process.ts), or where nothing may change the database but the requests themselves.
   * `connectVia` rewrites the URL the app connects to (e.g. through a TcpProxy); the test's own queries go direct.
   * `clock` (a `TestClock`) replaces the app's `Clock`, so the test sets the date the app sees.
   * `demo: true` loads the demo data first (only the README examples use it; `as(...)` signs in its users).
   */
  static async start(
    options: {
      env?: Record<string, string>;
      configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
      withWorker?: boolean;
      connectVia?: (databaseUrl: string) => string;
      clock?: TestClock;
      demo?: boolean;
    } = {},
  ): Promise<TestApp> {
    const databaseUrl = await cloneTemplate();
    if (options.demo) await seedDemoInto(databaseUrl);
    const production = options.env?.NODE_ENV === 'production';
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: options.connectVia ? options.connectVia(databaseUrl) : databaseUrl,
      QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'error',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: production ? 'false' : 'true',
      // Production refuses published and weak secrets: each production app gets fresh ones.
      ...(production ? { JWT_SECRET: randomBytes(32).toString('hex'), PROTECTED_ATTRIBUTES_KEY: randomBytes(32).toString('hex'), SSO_ENCRYPTION_KEY: randomBytes(32).toString('hex'), APP_URL: 'https://app.stagematch.test' } : {}),
      ...options.env,
    });
    const builder = Test.createTestingModule({ imports: [AppModule.forRole({ withWorker: options.withWorker ?? true })] });
    if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
    const moduleRef = await (options.configure?.(builder) ?? builder).compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    configureApi(app, loadEnvironment());
    app.enableShutdownHooks();
    await app.init();
    return new TestApp(app, databaseUrl, process.env.QUEUE_PREFIX!);
  }

  /** The app's clock (a TestClock when the test set one). */
  get clock(): Clock {
    return this.app.get(Clock);
  }

  get dataSource(): DataSource {
    return this.app.get<DataSource>(getDataSourceToken());
  }

  /** `keepQueues` leaves the queue's keys in Redis, as a database reset or restore would find them. */
  async stop(options: { keepQueues?: boolean } = {}): Promise<void> {
    await this.app.close();
    if (!options.keepQueues) await TestApp.deleteQueues(this.queuePrefix);
    await dropDatabase(this.databaseUrl);
  }

  /** Deletes every key under a BullMQ prefix: Redis restarted without persistence, as far as the queues can tell. */
  static async deleteQueues(prefix: string): Promise<number> {
    const redis = new IORedis(redisConnectionOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    return keys.length;
  }

  /**
   * Waits until every event recorded so far is dispatched (its notifications and deliveries exist):
   * what a test set up must not reach a receiver the test registers afterwards.
   */
  async eventsDispatched(timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [{ pending }] = await this.dataSource.query('SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL');
      if (pending === 0) return;
      if (Date.now() > until) throw new Error(`${pending} event(s) still undispatched after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Posts one GraphQL operation, optionally as the holder of `token`. */
  async gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const call = request(this.app.getHttpServer()).post('/graphql').send({ query, variables });
    if (token) call.set('Authorization', `Bearer ${token}`);
    const response = await call;
    return response.body as GraphqlResponse<T>;
  }

  async login(email: string, password: string): Promise<string> {
    const key = `${email}\n${password}`;
    const cached = this.tokens.get(key);
    if (cached) return cached;
    const { data, errors } = await this.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: email,
      p: password,
    });
    if (!data?.login) throw new Error(`login ${email} failed: ${JSON.stringify(errors)}`);
    this.tokens.set(key, data.login.token);
    return data.login.token;
  }

  /** A token of one of the demo users (see src/database/seed/demo-data.ts); only after `start({ demo: true })`. */
  as(user: DemoUser): Promise<string> {
    return this.login(DEMO_USERS[user].email, DEMO_PASSWORD);
  }

  count(table: string): Promise<number> {
    return this.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`).then((rows: { n: number }[]) => rows[0].n);
  }
}

/** The one error of a response, failing loudly when there is none or data came back instead. */
export function onlyError(response: GraphqlResponse): GraphqlError {
  if (!response.errors || response.errors.length !== 1) {
    throw new Error(`expected exactly one error, got ${JSON.stringify(response)}`);
  }
  return response.errors[0];
}

/** The data of a response that must have succeeded; fails with the errors otherwise. */
export function dataOf<T = Record<string, any>>(response: GraphqlResponse<T>): T {
  if (response.errors?.length || !response.data) throw new Error(`expected data, got ${JSON.stringify(response.errors)}`);
  return response.data;
}
