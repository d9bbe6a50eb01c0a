import { getQueueToken } from '@nestjs/bullmq';
import { type INestApplication, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { Transactions } from '../src/database/transactions';
import { announceEach, defineEvents, type EventSource, inPayloadOrder } from '../src/modules/events/event-definition';
import { RegistersEvents } from '../src/modules/events/event-registry';
import { Events } from '../src/modules/events/events';
import { QueueName } from '../src/queues/queues';
import { cloneTemplate, dropDatabase } from './support/databases';
import { eventually, startSmtpServer } from './support/receivers';
import { TestApp } from './support/test-app';
import { Factories } from './support/factories';
import request from 'supertest';
import { configureApi } from '../src/bootstrap';
import { loadEnvironment } from '../src/config/environment';

/** An event a module adds beside itself: no migration, no line in notifications. */
const InspectionEvent = { SITE_INSPECTION_PLANNED: 'SITE_INSPECTION_PLANNED' } as const;

declare module '../src/modules/events/event-definition' {
  interface EventPayloads {
    SITE_INSPECTION_PLANNED: { organizationId: string; on: string };
  }
}

@RegistersEvents()
@Injectable()
class InspectionEvents implements EventSource {
  readonly events = defineEvents(InspectionEvent, {
    SITE_INSPECTION_PLANNED: {
      payload: ['organizationId', 'on'],
      announce: async (payloads, { db }) => {
        const ids = payloads.map((payload) => payload.organizationId);
        const organizations = await db.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])', [ids]);
        return announceEach(inPayloadOrder(organizations, ids), (organization, index) => ({
          organizationIds: [organization.id],
          message: {
            nl: { subject: `Bezoek gepland: ${organization.name}`, text: `SBB komt op ${payloads[index].on} langs.` },
            en: { subject: `Visit planned: ${organization.name}`, text: `SBB visits on ${payloads[index].on}.` },
          },
        }));
      },
    },
  });
}

@Module({ providers: [InspectionEvents] })
class InspectionsModule {}

describe('events a module registers itself', () => {
  let app: INestApplication;
  let databaseUrl: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let db: DataSource;
  let company: { id: string; name: string; users: string[] };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    databaseUrl = await cloneTemplate();
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'error',
      SMTP_URL: smtp.url,
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRole({ withWorker: true }), InspectionsModule] }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    configureApi(app, loadEnvironment());
    app.enableShutdownHooks();
    await app.init();
    db = app.get<DataSource>(getDataSourceToken());
    const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const call = request(app.getHttpServer()).post('/graphql').send({ query, variables });
      if (token) call.set('Authorization', `Bearer ${token}`);
      return (await call).body;
    };
    const login = () => Promise.reject(new Error('not used'));
    const made = await new Factories({ gql, login, databaseUrl }).company();
    company = { id: made.id, name: made.name, users: [made.admin.id, made.staff.id].sort() };
  });
  afterAll(async () => {
    await app?.close();
    await TestApp.deleteQueues(process.env.QUEUE_PREFIX!);
    await dropDatabase(databaseUrl);
    await smtp.close();
  });

  const emit = (type: 'SITE_INSPECTION_PLANNED', payload: { organizationId: string; on: string }) =>
    app.get(Transactions).run(() => app.get(Events).emit(type, payload));

  it('stores, dispatches and delivers an event no migration and no central list know of', async () => {
    expect(company.users.length).toBeGreaterThan(0);
    await emit('SITE_INSPECTION_PLANNED', { organizationId: company.id, on: '2027-03-01' });

    const notifications = await eventually(async () => {
      const rows = await db.query(`SELECT user_id, event_type, title, body FROM notifications WHERE event_type = 'SITE_INSPECTION_PLANNED' ORDER BY user_id`);
      return rows.length === company.users.length ? rows : null;
    });
    expect(notifications.map((row: { user_id: string }) => row.user_id)).toEqual(company.users);
    expect(notifications[0]).toMatchObject({ title: `Bezoek gepland: ${company.name}`, body: 'SBB komt op 2027-03-01 langs.' });
    const [outbox] = await db.query(`SELECT type, dispatched_at FROM outbox WHERE type = 'SITE_INSPECTION_PLANNED'`);
    expect(outbox.dispatched_at).not.toBeNull();
    await eventually(() => smtp.messages.filter((mail) => mail.subject === `Bezoek gepland: ${company.name}`).length === company.users.length);
  });

  it('refuses to emit a type no module registers, and writes nothing', async () => {
    await expect(emit('SITE_INSPECTION_CANCELLED' as 'SITE_INSPECTION_PLANNED', { organizationId: company.id, on: '2027-03-01' })).rejects.toThrow(
      /unknown event type SITE_INSPECTION_CANCELLED/,
    );
    expect(await db.query(`SELECT 1 FROM outbox WHERE type = 'SITE_INSPECTION_CANCELLED'`)).toEqual([]);
  });

  it('fails a stored event whose type no module defines any more for good: one attempt, no notifications', async () => {
    const [row] = await db.query(`INSERT INTO outbox (type, payload) VALUES ('RETIRED_EVENT', '{"organizationId": "${company.id}"}') RETURNING event_id`);
    const queue = app.get<Queue>(getQueueToken(QueueName.NOTIFICATION_DISPATCH));
    const job = await eventually(async () => {
      // The state first, then the job: a job read before its failure was written carries no reason.
      if ((await queue.getJobState(`outbox-${row.event_id}`)) !== 'failed') return null;
      return queue.getJob(`outbox-${row.event_id}`);
    });
    expect(job.failedReason).toMatch(/unknown event type RETIRED_EVENT/);
    expect(job.attemptsMade).toBe(1);
    expect(await db.query(`SELECT 1 FROM notifications WHERE event_type = 'RETIRED_EVENT'`)).toEqual([]);
  });
});
