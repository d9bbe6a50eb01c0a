import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MicroBatcher } from '../../common/micro-batcher';
import { Environment } from '../../config/environment';
import { PreparedQueries } from '../../database/prepared-queries';
import { JobName, QueueName } from '../../queues/queues';
import { DeliveryChannel, type DeliveryEntity, DeliveryStatus } from './delivery.entity';
import type { Announcement } from '../events/event-definition';
import { EventRegistry } from '../events/event-registry';
import { markDispatched, type OutboxRow, outboxRows } from '../events/outbox';
import type { DispatchJobData } from '../events/outbox-relay.service';
import { usersOf } from '../organizations/organizations.facts';
import { EventType } from './event-type';

/**
 * One statement for a whole batch, safe to repeat. Per event: one in-app notification per reader
 * ($2: the users of its organizations, with its role when it names one, and of its `everyoneIn`
 * organizations, as organizations' `usersOf` answers), one
 * e-mail delivery per such user who has not switched e-mail off for the event type, one webhook
 * delivery per enabled endpoint of those organizations that subscribed to the type. Existing
 * notifications are skipped, and the no-op update makes RETURNING include deliveries an earlier run
 * created, so a re-run queues what is still pending. Afterwards the events are marked dispatched
 * (events' `markDispatched`): from here on their deliveries exist, and a lost delivery job is the
 * reconciler's to find; a crash in between leaves them undispatched, and the reconciler's re-run
 * finds the notifications and deliveries already there.
 */
const NOTIFY = `
  WITH event AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb)
      AS e(outbox_id bigint, event_type text, payload jsonb, occurred_at text, organization_ids uuid[], everyone_in uuid[], message jsonb)
  ), reader AS (
    SELECT e.outbox_id, e.event_type, e.payload, r.user_id, r.organization_id, e.message -> r.language AS message,
           NOT EXISTS (SELECT FROM notification_preferences p WHERE p.user_id = r.user_id AND p.event_type = e.event_type AND NOT p.email) AS email
      FROM jsonb_to_recordset($2::jsonb) AS r(outbox_id bigint, user_id uuid, organization_id uuid, language text) JOIN event e USING (outbox_id)
  ), notified AS (
    INSERT INTO notifications (user_id, outbox_id, event_type, payload, title, body)
    SELECT user_id, outbox_id, event_type, payload, message ->> 'subject', message ->> 'text' FROM reader
    ON CONFLICT DO NOTHING
  )
  INSERT INTO deliveries (outbox_id, event_type, channel, organization_id, user_id, endpoint_id, recipient_key, content)
  SELECT outbox_id, event_type, 'EMAIL'::delivery_channel, organization_id, user_id, NULL::uuid, user_id, jsonb_build_object('subject', message -> 'subject', 'text', message -> 'text')
    FROM reader WHERE email
  UNION ALL
  SELECT e.outbox_id, e.event_type, 'WEBHOOK'::delivery_channel, w.organization_id, NULL::uuid, w.id, w.id,
         jsonb_build_object('body', jsonb_build_object('event', e.event_type, 'occurredAt', e.occurred_at, 'data', e.payload))
    FROM event e JOIN webhook_endpoints w ON w.organization_id = ANY(e.organization_ids || coalesce(e.everyone_in, '{}')) AND w.disabled_at IS NULL AND e.event_type = ANY(w.event_types)
  ON CONFLICT (outbox_id, channel, recipient_key) DO UPDATE SET outbox_id = EXCLUDED.outbox_id
  RETURNING id, channel, status, manual_retries AS "manualRetries"`;

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** A delivery's current job: a new one each time it is retried by hand, so BullMQ cannot take it for the dead one. */
export const deliveryJobId = (delivery: Pick<DeliveryEntity, 'id' | 'manualRetries'>) =>
  delivery.manualRetries ? `delivery-${delivery.id}-retry-${delivery.manualRetries}` : `delivery-${delivery.id}`;

/** What a delivery needs to be queued. */
export type QueuedDelivery = Pick<DeliveryEntity, 'id' | 'channel' | 'manualRetries'>;

/**
 * Turns committed events into in-app notifications and e-mail and webhook deliveries, then queues
 * the deliveries. Dispatch jobs that arrive within a few milliseconds share one batch: three
 * statements and one enqueue for all of them. Safe to run any number of times for the same event
 * (a retry, a crash half-way): unique keys keep one notification and one delivery per recipient,
 * and only undelivered deliveries are queued.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap {
  private readonly batcher = new MicroBatcher<DispatchJobData, void>((jobs) => this.dispatchBatch(jobs), { maxSize: 200, maxWaitMs: 5 });

  constructor(
    private readonly db: PreparedQueries,
    @InjectQueue(QueueName.NOTIFICATION_EMAIL) private readonly emailQueue: Queue,
    @InjectQueue(QueueName.NOTIFICATION_WEBHOOK) private readonly webhookQueue: Queue,
    private readonly env: Environment,
    private readonly registry: EventRegistry,
  ) {}

  /** Every type the API names (the GraphQL `EventType`) must have a module's definition, or the boot fails. */
  onApplicationBootstrap(): void {
    const missing = Object.values(EventType).filter((type) => !this.registry.has(type));
    if (missing.length) throw new Error(`event types without a definition (no module registers them): ${missing.join(', ')}`);
  }

  dispatch(job: DispatchJobData): Promise<void> {
    return this.batcher.add(job);
  }

  /** Dispatches a batch of events; an event that cannot be announced fails alone. */
  private async dispatchBatch(jobs: DispatchJobData[]): Promise<(void | Error)[]> {
    const outboxIds = jobs.map((job) => job.outboxId);
    const rows = await outboxRows(this.db, [...new Set(outboxIds)]);
    // A job left from before the database was reset or restored may name an id another event now has.
    const wanted = new Set(jobs.map((job) => (job.eventId ? `${job.outboxId}/${job.eventId}` : job.outboxId)));
    const events = rows.filter((row) => wanted.has(`${row.id}/${row.event_id}`) || wanted.has(row.id));
    const announcements = await this.announce(events);
    const announced = events.flatMap((event) => {
      const announcement = announcements.get(event.id);
      if (!announcement || announcement instanceof Error) return [];
      const { organizationIds, role, everyoneIn, message } = announcement;
      const occurredAt = event.created_at.toISOString();
      return [
        { outbox_id: event.id, event_type: event.type, payload: event.payload, occurred_at: occurredAt, organization_ids: organizationIds, role, everyone_in: everyoneIn, message },
      ];
    });
    if (announced.length) {
      const users = await usersOf(
        this.db,
        announced.map((event) => ({ organizationIds: event.organization_ids, role: event.role, everyoneIn: event.everyone_in })),
      );
      const readers = users.map((user) => ({ outbox_id: announced[user.audience].outbox_id, user_id: user.user_id, organization_id: user.organization_id, language: user.language }));
      const deliveries = await this.db.query<QueuedDelivery & Pick<DeliveryEntity, 'status'>>(NOTIFY, [JSON.stringify(announced), JSON.stringify(readers)]);
      // Independent: a delivery whose job is lost is the reconciler's, and so is an event left undispatched.
      await Promise.all([
        markDispatched(this.db, announced.map((event) => event.outbox_id)),
        this.enqueue(deliveries.filter((delivery) => delivery.status === DeliveryStatus.PENDING)),
      ]);
    }
    return outboxIds.map((id) => {
      const announcement = announcements.get(id);
      return announcement instanceof Error ? announcement : undefined;
    });
  }

  /**
   * Each event's announcement (or why it has none), one registry call per event type. A type no
   * module defines (an event stored by a build that had it) fails permanently: no retry can help.
   */
  private async announce(events: OutboxRow[]): Promise<Map<string, Announcement | Error>> {
    const announcements = new Map<string, Announcement | Error>();
    await Promise.all(
      [...groupBy(events, (event) => event.type)].map(async ([type, group]) => {
        const results = await this.registry.announce(this.db, type, group.map((event) => event.payload));
        group.forEach((event, i) => announcements.set(event.id, results[i]));
      }),
    );
    return announcements;
  }

  /** Queues deliveries under their deterministic job id, so queueing twice sends once. */
  async enqueue(deliveries: QueuedDelivery[]): Promise<void> {
    const jobs = (channel: DeliveryChannel, name: JobName) =>
      deliveries
        .filter((delivery) => delivery.channel === channel)
        .map((delivery) => ({
          name,
          data: { deliveryId: delivery.id },
          opts: {
            jobId: deliveryJobId(delivery),
            attempts: this.env.DELIVERY_MAX_ATTEMPTS,
            backoff: { type: 'exponential', delay: 1000 },
          },
        }));
    const emails = jobs(DeliveryChannel.EMAIL, JobName.SEND_EMAIL);
    const webhooks = jobs(DeliveryChannel.WEBHOOK, JobName.SEND_WEBHOOK);
    await Promise.all([emails.length && this.emailQueue.addBulk(emails), webhooks.length && this.webhookQueue.addBulk(webhooks)]);
  }
}
