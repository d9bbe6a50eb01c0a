import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DispatchEventProcessor, SendEmailProcessor, SendWebhookProcessor } from '../src/modules/notifications/jobs/notification.processors';
import { JobName, QueueName } from '../src/queues/queues';
import { Factories, type SignedIn } from './support/factories';
import { eventually, startSmtpServer, startWebhookReceiver } from './support/receivers';
import { dataOf, TestApp } from './support/test-app';

const GRANT = 'mutation($input: GrantAccreditationInput!) { grantAccreditation(input: $input) { id } }';

/**
 * Redis restarted without persistence under a backlog: every BullMQ key is gone, while Postgres
 * still says what is pending. The workers' reconciler queues it all again; each e-mail and each
 * webhook still arrives exactly once.
 */
describe('notifications survive Redis losing its queues', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let branchId: string;
  let sbb: SignedIn;
  /** The last outbox id of the set-up (the factory company's own accreditation): the test counts only later events. */
  let setUp: string;
  let crebo = 25800;

  const grant = async () => dataOf(await t.gql(GRANT, { input: { branchId, crebo: String(crebo++), grantedOn: '2026-09-01' } }, sbb.token)).grantAccreditation.id;
  const count = (where: string) => t.count(`${where} AND ${where.startsWith('outbox') ? 'id' : 'outbox_id'} > ${setUp}`);
  const workers = () => [DispatchEventProcessor, SendEmailProcessor, SendWebhookProcessor].map((processor) => t.app.get(processor).worker);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    receiver = await startWebhookReceiver();
    t = await TestApp.start({ env: { SMTP_URL: smtp.url, RECONCILE_INTERVAL_SECONDS: '1' } });
    const make = new Factories(t);
    const company = await make.company();
    branchId = company.branchId;
    sbb = await make.sbb();
    await t.eventsDispatched();
    [{ id: setUp }] = await t.dataSource.query('SELECT coalesce(max(id), 0) AS id FROM outbox');
    dataOf(await t.gql('mutation($input: RegisterWebhookInput!) { registerWebhookEndpoint(input: $input) { secret } }', { input: { url: receiver.url, eventTypes: ['ACCREDITATION_GRANTED'] } }, company.admin.token));
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
    await receiver.close();
  });

  it('delivers every pending e-mail and webhook exactly once after the queue keys are deleted, dispatched or not', async () => {
    const [dispatch, email, webhook] = workers();
    await Promise.all([email.pause(), webhook.pause()]);
    // Ten events dispatched: their 30 deliveries (two e-mails and a webhook each) wait in the queues.
    for (let n = 0; n < 10; n += 1) await grant();
    await eventually(async () => (await count(`deliveries WHERE event_type = 'ACCREDITATION_GRANTED' AND status = 'PENDING'`)) === 30);
    // Five more relayed, their dispatch jobs waiting.
    await dispatch.pause();
    for (let n = 0; n < 5; n += 1) await grant();
    await eventually(async () => (await count(`outbox WHERE type = 'ACCREDITATION_GRANTED' AND relayed_at IS NOT NULL`)) === 15);
    expect(await count(`deliveries WHERE event_type = 'ACCREDITATION_GRANTED'`)).toBe(30);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // untouched for longer than the reconcile interval

    expect(await TestApp.deleteQueues(t.queuePrefix)).toBeGreaterThan(0);
    for (const worker of [dispatch, email, webhook]) worker.resume();

    await eventually(async () => (await count(`deliveries WHERE event_type = 'ACCREDITATION_GRANTED' AND status = 'DELIVERED'`)) === 45, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // a second copy would arrive now
    const deliveries = await t.dataSource.query(`SELECT id, channel, attempt_count FROM deliveries WHERE event_type = 'ACCREDITATION_GRANTED' AND outbox_id > $1`, [setUp]);
    expect(deliveries).toHaveLength(45);
    expect(deliveries.every((delivery: any) => delivery.attempt_count === 1)).toBe(true);
    // Each delivery id arrived once (the e-mails of the set-up's own events aside).
    const ids = new Set(deliveries.map((delivery: any) => delivery.id));
    const byChannel = (channel: string) => deliveries.filter((delivery: any) => delivery.channel === channel).map((delivery: any) => delivery.id).sort();
    const arrived = (headers: string[]) => headers.filter((id) => ids.has(id)).sort();
    expect(arrived(receiver.received.map((request) => String(request.headers['stagematch-delivery'])))).toEqual(byChannel('WEBHOOK'));
    expect(arrived(smtp.messages.map((mail) => String(mail.headers.get('stagematch-delivery'))))).toEqual(byChannel('EMAIL'));

    // The daily run's scheduler lived in Redis too; a worker registers it again.
    const maintenance = t.app.get<Queue>(getQueueToken(QueueName.MAINTENANCE));
    await eventually(async () => (await maintenance.getJobSchedulers()).some((scheduler) => scheduler.key === JobName.DAILY_RUN));
  });
});
