import { Queue } from 'bullmq';
import request from 'supertest';
import { redisConnectionOptions } from '../src/common/redis';
import { verifyWebhook } from '../src/modules/notifications/channels/webhook-signature';
import { WebhookSender } from '../src/modules/notifications/channels/webhook-sender.service';
import { DeliveryEntity } from '../src/modules/notifications/delivery.entity';
import { SendWebhookProcessor } from '../src/modules/notifications/jobs/notification.processors';
import { OutboxRelay } from '../src/modules/events/outbox-relay.service';
import { NotificationDispatcher } from '../src/modules/notifications/notification-dispatcher.service';
import { PreparedQueries } from '../src/database/prepared-queries';
import { QueueName } from '../src/queues/queues';
import { eventually, startSmtpServer, startWebhookReceiver } from './support/receivers';
import { Factories, type MadeCompany, type MadeSchool, type SignedIn } from './support/factories';
import { dataOf, onlyError, TestApp } from './support/test-app';

const REGISTER = `mutation($input: RegisterWebhookInput!) { registerWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes } } }`;
const GRANT = 'mutation($input: GrantAccreditationInput!) { grantAccreditation(input: $input) { id } }';
const REVOKE = 'mutation($input: RevokeAccreditationInput!) { revokeAccreditation(input: $input) { id } }';
const INBOX = '{ notifications(first: 50) { totalCount edges { node { id eventType title readAt } } } }';

describe('notifications: outbox → queue → in-app, e-mail and signed webhooks', () => {
  let t: TestApp;
  let make: Factories;
  let company: MadeCompany;
  let otherCompany: MadeCompany;
  /** A school and the operator: users who may not retry a company's delivery or who may see the queues. */
  let school: MadeSchool;
  let operator: SignedIn;
  let sbb: SignedIn;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let secret: string;
  let branchId: string;
  let crebo = 25700;

  const deliveryIds = () => receiver.received.map((request) => String(request.headers['stagematch-delivery']));
  const grant = async () =>
    dataOf(await t.gql(GRANT, { input: { branchId, crebo: String(crebo++), grantedOn: '2026-09-01' } }, sbb.token)).grantAccreditation.id;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    receiver = await startWebhookReceiver();
    t = await TestApp.start({ env: { SMTP_URL: smtp.url, DELIVERY_MAX_ATTEMPTS: '3' } });
    make = new Factories(t);
    [company, otherCompany, school, operator, sbb] = await Promise.all([make.company(), make.company(), make.school(), make.platformAdmin(), make.sbb()]);
    // Making them mailed their users (a user added, an accreditation granted): let those arrive first,
    // until nothing more comes for a second.
    let seen = -1;
    await eventually(async () => {
      const settled = smtp.messages.length >= 4 && smtp.messages.length === seen;
      seen = smtp.messages.length;
      if (!settled) await new Promise((resolve) => setTimeout(resolve, 1000));
      return settled;
    }, 30_000);
    smtp.messages.length = 0;
    const admin = company.admin.token;
    branchId = company.branchId;
    const registration = dataOf(
      await t.gql(REGISTER, { input: { url: receiver.url, eventTypes: ['ACCREDITATION_GRANTED', 'ACCREDITATION_REVOKED'] } }, admin),
    ).registerWebhookEndpoint;
    secret = registration.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(dataOf(await t.gql('{ webhookEndpoints { id url } }', {}, admin)))).not.toContain(secret);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
    await receiver.close();
  });

  it('tells every user of a company once, in-app, by e-mail and by one signed webhook, when SBB revokes its accreditation', async () => {
    const accreditationId = await grant();
    await eventually(() => receiver.received.length === 1 && smtp.messages.length === 2);
    receiver.received.length = 0;
    smtp.messages.length = 0;

    const otherCompanyBefore = dataOf(await t.gql(INBOX, {}, otherCompany.admin.token)).notifications.totalCount;
    dataOf(await t.gql(REVOKE, { input: { id: accreditationId, reason: 'Discriminatie vastgesteld' } }, sbb.token));
    await eventually(() => receiver.received.length >= 1 && smtp.messages.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // anything extra would arrive now

    expect(receiver.received).toHaveLength(1);
    const [webhook] = receiver.received;
    const timestamp = Number(webhook.headers['stagematch-timestamp']);
    expect(verifyWebhook(secret, timestamp, webhook.body, String(webhook.headers['stagematch-signature']))).toBe(true);
    expect(verifyWebhook('whsec_wrong', timestamp, webhook.body, String(webhook.headers['stagematch-signature']))).toBe(false);
    expect(JSON.parse(webhook.body)).toMatchObject({ id: webhook.headers['stagematch-delivery'], event: 'ACCREDITATION_REVOKED', data: { accreditationId } });

    const recipients = smtp.messages.map((mail) => (mail.to as { text: string }).text);
    expect(recipients).toHaveLength(2);
    expect(recipients).toEqual(expect.arrayContaining([expect.stringContaining(company.admin.email), expect.stringContaining(company.staff.email)]));
    expect(smtp.messages[0].subject).toMatch(/^Erkenning ingetrokken: crebo \d{5}$/);
    expect(smtp.messages[0].text).toContain('Discriminatie vastgesteld');

    for (const user of [company.admin, company.staff]) {
      const inbox = dataOf(await t.gql(INBOX, {}, user.token)).notifications.edges.map((edge: any) => edge.node);
      expect(inbox.filter((node: any) => node.eventType === 'ACCREDITATION_REVOKED')).toHaveLength(1);
    }
    expect(dataOf(await t.gql(INBOX, {}, otherCompany.admin.token)).notifications.totalCount).toBe(otherCompanyBefore);
  });

  it('marks only your own notifications read', async () => {
    const staff = company.staff.token;
    const [mine] = dataOf(await t.gql(INBOX, {}, staff)).notifications.edges.map((edge: any) => edge.node.id);
    const marked = await t.gql('mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids: [mine] }, company.admin.token);
    expect(dataOf(marked).markNotificationsRead).toBe(0);
    expect(dataOf(await t.gql('mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids: [mine] }, staff)).markNotificationsRead).toBe(1);
    const unread = dataOf(await t.gql('{ notifications(unreadOnly: true) { edges { node { id } } } }', {}, staff)).notifications.edges;
    expect(unread.map((edge: any) => edge.node.id)).not.toContain(mine);
  });

  it('loses nothing and sends nothing twice when Redis is unreachable as the change commits', async () => {
    const relay = t.app.get(OutboxRelay);
    await relay.pause();
    const before = receiver.received.length;
    const accreditationId = await grant();

    const deadRedis = new Queue(QueueName.NOTIFICATION_DISPATCH, {
      connection: { ...redisConnectionOptions('redis://127.0.0.1:1'), enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null },
      prefix: process.env.QUEUE_PREFIX,
    });
    deadRedis.on('error', () => undefined);
    await expect(relay.relayOnce(deadRedis)).rejects.toThrow();
    await deadRedis.close().catch(() => undefined);
    const [{ unrelayed }] = await t.dataSource.query(`SELECT count(*)::int AS unrelayed FROM outbox WHERE relayed_at IS NULL`);
    expect(unrelayed).toBe(1);

    relay.resume();
    await eventually(() => receiver.received.length > before);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const bodies = receiver.received.slice(before).map((request) => JSON.parse(request.body));
    expect(bodies.filter((body) => body.data.accreditationId === accreditationId)).toHaveLength(1);
  });

  it('re-sends with the same delivery id when a worker dies between sending and recording; the receiver de-duplicates', async () => {
    const processor = t.app.get(SendWebhookProcessor);
    await processor.worker.pause();
    const before = receiver.received.length;
    const accreditationId = await grant();
    const delivery: DeliveryEntity = await eventually(() =>
      t.dataSource.getRepository(DeliveryEntity).findOne({ where: { channel: 'WEBHOOK' as never, eventType: 'ACCREDITATION_GRANTED' as never }, order: { createdAt: 'DESC' } }).then((row) =>
        row && (row.content.body as { data: { accreditationId: string } }).data.accreditationId === accreditationId ? row : null,
      ),
    );
    await t.app.get(WebhookSender).send(delivery); // the attempt whose worker died before it recorded success
    processor.worker.resume();

    await eventually(() => receiver.received.length >= before + 2);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ids = deliveryIds().slice(before);
    expect(ids).toEqual([delivery.id, delivery.id]);
    expect(new Set(ids).size).toBe(1);
    const stored = await t.dataSource.getRepository(DeliveryEntity).findOneByOrFail({ id: delivery.id });
    expect(stored).toMatchObject({ status: 'DELIVERED', attemptCount: 1 });
  });

  it('retries 5xx until the tries run out, keeps a dead letter, and sends it again on retryDelivery', async () => {
    receiver.setAnswer(() => 503);
    const before = receiver.received.length;
    await grant();
    const admin = company.admin.token;
    const DEAD = '{ deliveries(filter: { status: DEAD, channel: WEBHOOK }) { edges { node { id attemptCount attempts { statusCode } } } } }';
    const dead = await eventually(async () => dataOf(await t.gql(DEAD, {}, admin)).deliveries.edges[0]?.node, 20_000);
    expect(dead.attemptCount).toBe(3);
    expect(dead.attempts.map((attempt: any) => attempt.statusCode)).toEqual([503, 503, 503]);
    expect(receiver.received.length - before).toBe(3);

    expect(onlyError(await t.gql('mutation($id: ID!) { retryDelivery(id: $id) { id } }', { id: dead.id }, school.admin.token)).extensions.code).toBe(
      'NOT_FOUND',
    );
    receiver.setAnswer(() => 200);
    const retried = dataOf(await t.gql('mutation($id: ID!) { retryDelivery(id: $id) { status } }', { id: dead.id }, admin)).retryDelivery;
    expect(retried.status).toBe('PENDING');
    await eventually(async () => (await t.dataSource.getRepository(DeliveryEntity).findOneByOrFail({ id: dead.id })).status === 'DELIVERED');
    const platform = await t.gql('{ deliveries(filter: { status: DEAD }) { totalCount } }', {}, operator.token);
    expect(dataOf(platform).deliveries.totalCount).toBe(0);
  });

  it('does not retry a 4xx (other than 408/429) more than once', async () => {
    receiver.setAnswer(() => 410);
    const before = receiver.received.length;
    await grant();
    await eventually(async () => {
      const [row] = await t.dataSource.query(`SELECT status FROM deliveries WHERE channel = 'WEBHOOK' ORDER BY created_at DESC LIMIT 1`);
      return row.status === 'DEAD';
    }, 20_000);
    expect(receiver.received.length - before).toBe(2);
    receiver.setAnswer(() => 200);
  });

  it.each([
    [{ url: 'ftp://example.org/hook', eventTypes: ['USER_ADDED'] }, 'input.url'],
    [{ url: `https://example.org/${'x'.repeat(2048)}`, eventTypes: ['USER_ADDED'] }, 'input.url'],
  ])('refuses webhook %#', async (input, path) => {
    const before = await t.count('webhook_endpoints');
    const error = onlyError(await t.gql(REGISTER, { input }, company.admin.token));
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path })]);
    expect(await t.count('webhook_endpoints')).toBe(before);
  });

  it('refuses an unknown event type and lets only organization admins register webhooks', async () => {
    const unknown = onlyError(await t.gql(REGISTER, { input: { url: 'https://example.org/h', eventTypes: ['NOPE'] } }, company.admin.token));
    expect(unknown.extensions.code).toBe('BAD_USER_INPUT');
    const staff = onlyError(await t.gql(REGISTER, { input: { url: 'https://example.org/h', eventTypes: ['USER_ADDED'] } }, company.staff.token));
    expect(staff.extensions.code).toBe('FORBIDDEN');
  });

  it('serves the queue dashboard to PLATFORM admins only', async () => {
    const dashboard = (token?: string) => {
      const call = request(t.app.getHttpServer()).get('/admin/queues/api/queues');
      return token ? call.set('Authorization', `Bearer ${token}`) : call;
    };
    expect((await dashboard()).status).toBe(401);
    expect((await dashboard(school.admin.token)).status).toBe(403);
    expect((await dashboard(sbb.token)).status).toBe(403);
    const platform = await dashboard(operator.token);
    expect(platform.status).toBe(200);
    expect(platform.body.queues.map((queue: { name: string }) => queue.name)).toEqual(
      expect.arrayContaining([QueueName.NOTIFICATION_DISPATCH, QueueName.NOTIFICATION_WEBHOOK]),
    );
  });

  it('lets a user switch e-mail off per event type; in-app stays on', async () => {
    const staff = company.staff.token;
    const prefs = dataOf(await t.gql('mutation { setEmailPreference(eventType: ACCREDITATION_GRANTED, email: false) { eventType inApp email } }', {}, staff))
      .setEmailPreference;
    expect(prefs.find((p: any) => p.eventType === 'ACCREDITATION_GRANTED')).toEqual({ eventType: 'ACCREDITATION_GRANTED', inApp: true, email: false });
    smtp.messages.length = 0;
    const before = dataOf(await t.gql(INBOX, {}, staff)).notifications.totalCount;
    await grant();
    await eventually(async () => dataOf(await t.gql(INBOX, {}, staff)).notifications.totalCount === before + 1);
    await eventually(() => smtp.messages.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages.map((mail) => (mail.to as { text: string }).text)).toEqual([expect.stringContaining(company.admin.email)]);
  });

  it('dispatches a batch with one statement after the announcements: no lookup of recipients first, no separate dispatch mark', async () => {
    await grant();
    await grant();
    await t.eventsDispatched();
    const events = await t.dataSource.query<{ id: string; event_id: string }[]>(
      `SELECT id, event_id FROM outbox WHERE type = 'ACCREDITATION_GRANTED' ORDER BY id DESC LIMIT 2`,
    );
    const statements = jest.spyOn(PreparedQueries.prototype, 'query');
    try {
      // Dispatching again is safe (nothing new is written or sent) and shows the statements one batch takes.
      const dispatcher = t.app.get(NotificationDispatcher);
      await Promise.all(events.map((event) => dispatcher.dispatch({ outboxId: event.id, eventId: event.event_id })));
      const texts = statements.mock.calls.map(([text]) => text);
      expect(texts.filter((text) => text.includes('FROM outbox WHERE id = ANY'))).toHaveLength(1);
      expect(texts.filter((text) => text.includes('INSERT INTO notifications'))).toHaveLength(1);
      // No recipients looked up by joining users (the e-mail jobs of the earlier grants may still read mailboxes meanwhile).
      expect(texts.filter((text) => /\bJOIN users\b/.test(text))).toEqual([]);
      expect(texts.filter((text) => text.includes('UPDATE outbox SET dispatched_at') && !text.includes('INSERT INTO notifications'))).toEqual([]);
    } finally {
      statements.mockRestore();
    }
  });
});
