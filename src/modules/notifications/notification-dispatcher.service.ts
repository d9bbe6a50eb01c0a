import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Environment } from '../../config/environment';
import { JobName, QueueName } from '../../queues/queues';
import type { Language } from '../organizations/user.entity';
import { DeliveryChannel, DeliveryEntity, DeliveryStatus } from './delivery.entity';
import { EVENT_CATALOG } from './event-catalog';
import type { EventType } from './event-type';
import { OutboxEventEntity } from './outbox-event.entity';

/** A user (in-app, and e-mail unless switched off) or a webhook endpoint that hears of an event. */
interface Recipient {
  kind: 'user' | 'endpoint';
  id: string;
  organization_id: string;
  language: Language | null;
  email: boolean;
}

const deliveryJobId = (deliveryId: string, retry = 0) => (retry ? `delivery-${deliveryId}-retry-${retry}` : `delivery-${deliveryId}`);

/**
 * Turns one committed event into in-app notifications and e-mail and webhook deliveries, then
 * queues the deliveries. Safe to run any number of times for the same event (a retry, a crash
 * half-way): unique keys keep one notification and one delivery per recipient, and only
 * undelivered deliveries are queued.
 */
@Injectable()
export class NotificationDispatcher {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.NOTIFICATION_EMAIL) private readonly emailQueue: Queue,
    @InjectQueue(QueueName.NOTIFICATION_WEBHOOK) private readonly webhookQueue: Queue,
    private readonly env: Environment,
  ) {}

  async dispatch(outboxId: string): Promise<void> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(OutboxEventEntity, { id: outboxId });
    if (!event) return;
    const type = event.type as EventType;
    const { organizationIds, role, message } = await EVENT_CATALOG[type](manager, event.payload);
    const recipients: Recipient[] = organizationIds.length
      ? await manager.query(
          `SELECT 'user' AS kind, u.id, u.organization_id, u.language, coalesce(p.email, true) AS email FROM users u
             LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.event_type = $2::event_type
            WHERE u.organization_id = ANY($1) AND ($3::membership_role IS NULL OR u.role = $3)
           UNION ALL
           SELECT 'endpoint', e.id, e.organization_id, NULL, false FROM webhook_endpoints e
            WHERE e.organization_id = ANY($1) AND e.disabled_at IS NULL AND $2::text = ANY(e.event_types)`,
          [organizationIds, type, role ?? null],
        )
      : [];
    const users = recipients.filter((r) => r.kind === 'user');
    const notifications = users.map((user) => ({ user_id: user.id, title: message[user.language!].subject, body: message[user.language!].text }));
    const deliveries = recipients
      .filter((r) => r.kind === 'endpoint' || r.email)
      .map((r) =>
        r.kind === 'user'
          ? { channel: DeliveryChannel.EMAIL, organization_id: r.organization_id, user_id: r.id, endpoint_id: null, recipient_key: r.id, content: { subject: message[r.language!].subject, text: message[r.language!].text } }
          : { channel: DeliveryChannel.WEBHOOK, organization_id: r.organization_id, user_id: null, endpoint_id: r.id, recipient_key: r.id, content: { body: { event: type, occurredAt: event.createdAt.toISOString(), data: event.payload } } },
      );
    // One statement, safe to repeat: existing notifications are skipped, and the no-op update makes
    // RETURNING include deliveries an earlier run created, so a re-run queues what is still pending.
    const pending: Pick<DeliveryEntity, 'id' | 'channel' | 'status'>[] = await manager.query(
      `WITH notified AS (
         INSERT INTO notifications (user_id, outbox_id, event_type, payload, title, body)
         SELECT n.user_id, $1, $2::event_type, $3, n.title, n.body FROM jsonb_to_recordset($4) AS n(user_id uuid, title text, body text)
         ON CONFLICT DO NOTHING
       )
       INSERT INTO deliveries (outbox_id, event_type, channel, organization_id, user_id, endpoint_id, recipient_key, content)
       SELECT $1, $2::event_type, d.channel, d.organization_id, d.user_id, d.endpoint_id, d.recipient_key, d.content
         FROM jsonb_to_recordset($5) AS d(channel delivery_channel, organization_id uuid, user_id uuid, endpoint_id uuid, recipient_key uuid, content jsonb)
       ON CONFLICT (outbox_id, channel, recipient_key) DO UPDATE SET outbox_id = EXCLUDED.outbox_id
       RETURNING id, channel, status`,
      [outboxId, type, event.payload, JSON.stringify(notifications), JSON.stringify(deliveries)],
    );
    await this.enqueue(pending.filter((delivery) => delivery.status === DeliveryStatus.PENDING));
  }

  /** Queues deliveries under their deterministic job id, so queueing twice sends once. */
  async enqueue(deliveries: Pick<DeliveryEntity, 'id' | 'channel'>[], retry = 0): Promise<void> {
    const jobs = (channel: DeliveryChannel, name: JobName) =>
      deliveries
        .filter((delivery) => delivery.channel === channel)
        .map((delivery) => ({
          name,
          data: { deliveryId: delivery.id },
          opts: {
            jobId: deliveryJobId(delivery.id, retry),
            attempts: this.env.DELIVERY_MAX_ATTEMPTS,
            backoff: { type: 'exponential', delay: 1000 },
          },
        }));
    const emails = jobs(DeliveryChannel.EMAIL, JobName.SEND_EMAIL);
    const webhooks = jobs(DeliveryChannel.WEBHOOK, JobName.SEND_WEBHOOK);
    await Promise.all([emails.length && this.emailQueue.addBulk(emails), webhooks.length && this.webhookQueue.addBulk(webhooks)]);
  }
}
