import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import IORedis from 'ioredis';
import { bootstrap } from '../src/bootstrap';
import { redisConnectionOptions } from '../src/common/redis';
import { DispatchEventProcessor } from '../src/modules/notifications/jobs/notification.processors';
import { cloneTemplate, dropDatabase } from './support/databases';

/** APP_ROLE=worker as compose runs it: its container health check asks GET /health on WORKER_HEALTH_PORT. */
describe('the worker process health check', () => {
  const saved = { ...process.env };
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  let databaseUrl: string;
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    databaseUrl = await cloneTemplate();
    Object.assign(process.env, { NODE_ENV: 'test', APP_ROLE: 'worker', DATABASE_URL: databaseUrl, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'error' });
    ({ app, port } = await bootstrap());
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    process.env = saved;
    const redis = new IORedis(redisConnectionOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
    const keys = await redis.keys(`${queuePrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await dropDatabase(databaseUrl);
  });

  it('listens on WORKER_HEALTH_PORT and serves only /health, not the API', async () => {
    expect(port).toBe(3001);
    expect((await request(app.getHttpServer()).post('/graphql').send({ query: '{ __typename }' })).status).toBe(404);
  });

  it('is up while Postgres answers and every queue worker runs on a ready Redis connection', async () => {
    const response = await request(app.getHttpServer()).get('/health');
    expect(response.status).toBe(200);
    expect(response.body.info.postgres).toEqual({ status: 'up' });
    expect(response.body.info.queues).toEqual({ status: 'up', workers: expect.any(Number) });
    expect(response.body.info.queues.workers).toBeGreaterThanOrEqual(6);
  });

  it('is down (503) naming the queue worker that stopped taking jobs, though Redis still answers', async () => {
    await app.get(DispatchEventProcessor).worker.close();
    const response = await request(app.getHttpServer()).get('/health');
    expect(response.status).toBe(503);
    expect(response.body.error.queues).toMatchObject({ status: 'down', failing: ['DispatchEventProcessor'] });
  });
});
