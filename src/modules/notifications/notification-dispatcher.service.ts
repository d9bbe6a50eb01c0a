import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MicroBatcher } from '../../common/micro-batcher';
import { Environment } from '../../config/environment';
import { PreparedQueries } from '../../database/prepared-queries';
import { JobName, QueueName } from '../../queues/queues';
import type { Language } from '../organizations/user.entity';
import { DeliveryChannel, type DeliveryEntity, DeliveryStatus } from './delivery.entity';
import { type Announcement, EVENT_CATALOG } from './event-catalog';
import type { EventType } from './event-type';

interface OutboxRow {
  id: string;
  type: EventType;
  payload: Record<string, string>;
  created_at: Date;
}

/** A user (in-app, and e-mail unless switched off for the event type) or a webhook endpoint. */
interface Recipient {
  kind: 'user' | 'endpoint';
  id: string;
  organization_id: string;
  role: string | null;
  language: Language | null;
  /** Users: the event types they switched e-mail off for. Endpoints: the event types they receive. */
  event_types: string[];
}

const RECIPIENTS = `
  SELECT 'user' AS kind, u.id, u.organization_id, u.role::text AS role, u.language,
         array(SELECT p.event_type::text FROM notification_preferences p WHERE p.user_id = u.id AND NOT p.email) AS event_types
    FROM users u WHERE u.organization_id = ANY($1::uuid[])
  UNION ALL
  SELECT 'endpoint', e.id, e.organization_id, NULL, NULL, e.event_types
    FROM webhook_endpoints e WHERE e.organization_id = ANY($1::uuid[]) AND e.disabled_at IS NULL`;

// One statement, safe to repeat: existing notifications are skipped, and the no-op update makes
// RETURNING include deliveries an earlier run created, so a re-run queues what is still pending.
const NOTIFY = `
  WITH notified AS (
    INSERT INTO notifications (user_id, outbox_id, event_type, payload, title, body)
    SELECT n.user_id, n.outbox_id, n.event_type, n.payload, n.title, n.body
      FROM jsonb_to_recordset($1::jsonb) AS n(user_id uuid, outbox_id bigint, event_type event_type, payload jsonb, title text, body text)
    ON CONFLICT DO NOTHING
  )
  INSERT INTO deliveries (outbox_id, event_type, channel, organization_id, user_id, endpoint_id, recipient_key, content)
  SELECT d.outbox_id, d.event_type, d.channel, d.organization_id, d.user_id, d.endpoint_id, d.recipient_key, d.content
    FROM jsonb_to_recordset($2::jsonb)
      AS d(outbox_id bigint, event_type event_type, channel delivery_channel, organization_id uuid, user_id uuid, endpoint_id uuid, recipient_key uuid, content jsonb)
  ON CONFLICT (outbox_id, channel, recipient_key) DO UPDATE SET outbox_id = EXCLUDED.outbox_id
  RETURNING id, channel, status`;

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

const deliveryJobId = (deliveryId: string, retry = 0) => (retry ? `delivery-${deliveryId}-retry-${retry}` : `delivery-${deliveryId}`);

/**
 * Turns committed events into in-app notifications and e-mail and webhook deliveries, then queues
 * the deliveries. Dispatch jobs that arrive within a few milliseconds share one batch: four
 * statements and one enqueue for all of them. Safe to run any number of times for the same event
 * (a retry, a crash half-way): unique keys keep one notification and one delivery per recipient,
 * and only undelivered deliveries are queued.
 */
@Injectable()
export class NotificationDispatcher {
  private readonly batcher = new MicroBatcher<string, void>((outboxIds) => this.dispatchBatch(outboxIds), { maxSize: 200, maxWaitMs: 5 });

  constructor(
    private readonly db: PreparedQueries,
    @InjectQueue(QueueName.NOTIFICATION_EMAIL) private readonly emailQueue: Queue,
    @InjectQueue(QueueName.NOTIFICATION_WEBHOOK) private readonly webhookQueue: Queue,
    private readonly env: Environment,
  ) {}

  dispatch(outboxId: string): Promise<void> {
    return this.batcher.add(outboxId);
  }

  /** Dispatches a batch of events; an event that cannot be announced fails alone. */
  private async dispatchBatch(outboxIds: string[]): Promise<(void | Error)[]> {
    const events = await this.db.query<OutboxRow>('SELECT id, type, payload, created_at FROM outbox WHERE id = ANY($1::bigint[])', [
      [...new Set(outboxIds)],
    ]);
    const announcements = await this.announce(events);
    const announced = events.filter((event) => !(announcements.get(event.id) instanceof Error));

    const organizationIds = new Set(announced.flatMap((event) => (announcements.get(event.id) as Announcement).organizationIds));
    const recipients = organizationIds.size ? await this.db.query<Recipient>(RECIPIENTS, [[...organizationIds]]) : [];
    const byOrganization = groupBy(recipients, (recipient) => recipient.organization_id);

    const notifications: object[] = [];
    const deliveries: object[] = [];
    for (const event of announced) {
      const { organizationIds, role, message } = announcements.get(event.id) as Announcement;
      const base = { outbox_id: event.id, event_type: event.type };
      for (const organizationId of new Set(organizationIds)) {
        for (const r of byOrganization.get(organizationId) ?? []) {
          if (r.kind === 'endpoint') {
            if (!r.event_types.includes(event.type)) continue;
            const body = { event: event.type, occurredAt: event.created_at.toISOString(), data: event.payload };
            deliveries.push({ ...base, channel: DeliveryChannel.WEBHOOK, organization_id: r.organization_id, endpoint_id: r.id, recipient_key: r.id, content: { body } });
            continue;
          }
          if (role && r.role !== role) continue;
          const { subject, text } = message[r.language!];
          notifications.push({ ...base, user_id: r.id, payload: event.payload, title: subject, body: text });
          if (!r.event_types.includes(event.type)) {
            deliveries.push({ ...base, channel: DeliveryChannel.EMAIL, organization_id: r.organization_id, user_id: r.id, recipient_key: r.id, content: { subject, text } });
          }
        }
      }
    }
    if (notifications.length || deliveries.length) {
      const pending = await this.db.query<Pick<DeliveryEntity, 'id' | 'channel' | 'status'>>(NOTIFY, [JSON.stringify(notifications), JSON.stringify(deliveries)]);
      await this.enqueue(pending.filter((delivery) => delivery.status === DeliveryStatus.PENDING));
    }
    return outboxIds.map((id) => {
      const announcement = announcements.get(id);
      return announcement instanceof Error ? announcement : undefined;
    });
  }

  /** Each event's announcement (or why it has none), one catalog call per event type. */
  private async announce(events: OutboxRow[]): Promise<Map<string, Announcement | Error>> {
    const announcements = new Map<string, Announcement | Error>();
    await Promise.all(
      [...groupBy(events, (event) => event.type)].map(async ([type, group]) => {
        const resolve = EVENT_CATALOG[type];
        const results = resolve ? await resolve(this.db, group.map((event) => event.payload)) : group.map(() => new Error(`unknown event type ${type}`));
        group.forEach((event, i) => announcements.set(event.id, results[i]));
      }),
    );
    return announcements;
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
