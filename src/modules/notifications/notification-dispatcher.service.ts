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
import { type OutboxRow, outboxRows } from '../events/outbox';
import type { DispatchJobData } from '../events/outbox-relay.service';
import { EventType } from './event-type';
import { type AnnouncedEvent, NotificationsRepository, type QueuedDelivery } from './notifications.repository';

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

/**
 * Turns committed events into in-app notifications and e-mail and webhook deliveries, then queues
 * the deliveries. Dispatch jobs that arrive within a few milliseconds share one batch: one read of
 * the outbox rows, each event type's announcement (its module's reads), one statement for every
 * notification, delivery and dispatch mark (`NotificationsRepository.notify`), and one enqueue.
 * Safe to run any number of times for the same event (a retry, a crash half-way): unique keys keep
 * one notification and one delivery per recipient, and only undelivered deliveries are queued.
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
    private readonly notifications: NotificationsRepository,
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
    const announced = events.flatMap((event): AnnouncedEvent[] => {
      const announcement = announcements.get(event.id);
      if (!announcement || announcement instanceof Error) return [];
      const occurredAt = event.created_at.toISOString();
      // Every notification carries the kind and id of the item it is about.
      const subject = this.registry.definition(event.type).subject;
      return [announcement].flat().map(({ organizationIds, role, everyoneIn, students, message }) => ({
        outbox_id: event.id,
        event_type: event.type,
        payload: event.payload,
        occurred_at: occurredAt,
        organization_ids: organizationIds,
        role,
        everyone_in: everyoneIn,
        student_ids: students,
        message,
        subject_kind: subject.kind,
        subject_id: event.payload[subject.key] ?? null,
      }));
    });
    if (announced.length) {
      // One statement: notifications, deliveries, and the events marked dispatched; a delivery whose job is then lost is the reconciler's.
      const deliveries = await this.notifications.notify(announced);
      await this.enqueue(deliveries.filter((delivery) => delivery.status === DeliveryStatus.PENDING));
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
  private async announce(events: OutboxRow[]): Promise<Map<string, Announcement | Announcement[] | Error>> {
    const announcements = new Map<string, Announcement | Announcement[] | Error>();
    await Promise.all(
      [...groupBy(events, (event) => event.type)].map(async ([type, group]) => {
        const results = await this.registry.announce(this.db, type, group.map((event) => event.payload), { appUrl: this.env.APP_URL });
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
