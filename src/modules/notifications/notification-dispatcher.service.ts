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

export const deliveryJobId = (deliveryId: string, retry = 0) => (retry ? `delivery-${deliveryId}-retry-${retry}` : `delivery-${deliveryId}`);

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
    const entry = EVENT_CATALOG[type];
    const { organizationIds, role } = await entry.recipients(manager, event.payload);
    let pending: Pick<DeliveryEntity, 'id' | 'channel' | 'status'>[] = [];
    if (organizationIds.length > 0) {
      const [message, users, endpoints] = await Promise.all([
        entry.message(manager, event.payload),
        manager.query(
          `SELECT u.id, u.organization_id, u.language, coalesce(p.email, true) AS email FROM users u
             LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.event_type = $2
            WHERE u.organization_id = ANY($1) AND ($3::membership_role IS NULL OR u.role = $3)`,
          [organizationIds, type, role ?? null],
        ) as Promise<{ id: string; organization_id: string; language: Language; email: boolean }[]>,
        manager.query(
          `SELECT id, organization_id FROM webhook_endpoints WHERE organization_id = ANY($1) AND disabled_at IS NULL AND $2 = ANY(event_types)`,
          [organizationIds, type],
        ) as Promise<{ id: string; organization_id: string }[]>,
      ]);
      // Inserts that ignore what exists: running this again for the same event adds nothing.
      if (users.length > 0) {
        await manager.query(
          `INSERT INTO notifications (user_id, outbox_id, event_type, payload, title, body)
           SELECT u.id, $1, $2, $3, u.title, u.body FROM jsonb_to_recordset($4) AS u(id uuid, title text, body text)
           ON CONFLICT DO NOTHING`,
          [outboxId, type, event.payload, JSON.stringify(users.map((user) => ({ id: user.id, title: message[user.language].subject, body: message[user.language].text })))],
        );
      }
      const deliveries = [
        ...users
          .filter((user) => user.email)
          .map((user) => ({
            channel: DeliveryChannel.EMAIL,
            organization_id: user.organization_id,
            user_id: user.id,
            endpoint_id: null,
            recipient_key: user.id,
            content: { subject: message[user.language].subject, text: message[user.language].text },
          })),
        ...endpoints.map((endpoint) => ({
          channel: DeliveryChannel.WEBHOOK,
          organization_id: endpoint.organization_id,
          user_id: null,
          endpoint_id: endpoint.id,
          recipient_key: endpoint.id,
          content: { body: { event: type, occurredAt: event.createdAt.toISOString(), data: event.payload } },
        })),
      ];
      if (deliveries.length > 0) {
        // The no-op update makes RETURNING include deliveries an earlier run created, so a re-run queues what is still pending.
        pending = await manager.query(
          `INSERT INTO deliveries (outbox_id, event_type, channel, organization_id, user_id, endpoint_id, recipient_key, content)
           SELECT $1, $2, d.channel, d.organization_id, d.user_id, d.endpoint_id, d.recipient_key, d.content
             FROM jsonb_to_recordset($3) AS d(channel delivery_channel, organization_id uuid, user_id uuid, endpoint_id uuid, recipient_key uuid, content jsonb)
           ON CONFLICT (outbox_id, channel, recipient_key) DO UPDATE SET outbox_id = EXCLUDED.outbox_id
           RETURNING id, channel, status`,
          [outboxId, type, JSON.stringify(deliveries)],
        );
      }
    }
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
