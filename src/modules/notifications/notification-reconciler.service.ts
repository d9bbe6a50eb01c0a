import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PeriodicTask } from '../../common/periodic-task';
import { Environment } from '../../config/environment';
import { PreparedQueries } from '../../database/prepared-queries';
import { QueueName } from '../../queues/queues';
import { DeliveryChannel } from './delivery.entity';
import { deliveryJobId, NotificationDispatcher } from './notification-dispatcher.service';
import { NotificationsRepository, PENDING_PAGE as PAGE, type QueuedDelivery } from './notifications.repository';
import { undispatchedEvents } from '../events/outbox';
import { dispatchJob, dispatchJobId } from '../events/outbox-relay.service';

/**
 * Every worker, every RECONCILE_INTERVAL_SECONDS: finds the work Postgres says is pending and
 * Redis no longer has a job for (Redis restarted without persistence, its keys evicted or
 * deleted) and queues it again under the same job id. Relayed events that were never dispatched
 * get their dispatch job back; PENDING deliveries their delivery job. Work touched within the
 * interval is left alone (its job may be on its way), and so is every job that still exists, in
 * whatever state: the handlers re-read the row and skip what is done, so a job queued twice by
 * two workers at once still sends once.
 */
@Injectable()
export class NotificationReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationReconciler.name);
  private readonly task = new PeriodicTask(NotificationReconciler.name, () => this.reconcile());

  constructor(
    private readonly db: PreparedQueries,
    private readonly notifications: NotificationsRepository,
    private readonly dispatcher: NotificationDispatcher,
    @InjectQueue(QueueName.NOTIFICATION_DISPATCH) private readonly dispatchQueue: Queue,
    @InjectQueue(QueueName.NOTIFICATION_EMAIL) private readonly emailQueue: Queue,
    @InjectQueue(QueueName.NOTIFICATION_WEBHOOK) private readonly webhookQueue: Queue,
    private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.env.RECONCILE_INTERVAL_SECONDS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; returns how many dispatches and deliveries it queued again. */
  async reconcile(): Promise<{ events: number; deliveries: number }> {
    const events = await this.requeueLostDispatches();
    const deliveries = await this.requeueLostDeliveries();
    if (events || deliveries) this.logger.warn(`Queued again what Redis had lost: ${events} dispatches, ${deliveries} deliveries`);
    return { events, deliveries };
  }

  private async requeueLostDispatches(): Promise<number> {
    let requeued = 0;
    for (let after = '0'; ; ) {
      const events = await undispatchedEvents(this.db, this.env.RECONCILE_INTERVAL_SECONDS, after, PAGE);
      const lost = await this.withoutJob(events, (event) => this.dispatchQueue.getJob(dispatchJobId(event.event_id)));
      if (lost.length) await this.dispatchQueue.addBulk(lost.map(dispatchJob));
      requeued += lost.length;
      if (events.length < PAGE) return requeued;
      after = events.at(-1)!.id;
    }
  }

  private async requeueLostDeliveries(): Promise<number> {
    let requeued = 0;
    for (let after: [string, string] = ['-infinity', '00000000-0000-0000-0000-000000000000']; ; ) {
      const deliveries = await this.notifications.pendingDeliveries(this.env.RECONCILE_INTERVAL_SECONDS, after);
      const queueOf = (delivery: QueuedDelivery) => (delivery.channel === DeliveryChannel.EMAIL ? this.emailQueue : this.webhookQueue);
      const lost = await this.withoutJob(deliveries, (delivery) => queueOf(delivery).getJob(deliveryJobId(delivery)));
      if (lost.length) await this.dispatcher.enqueue(lost);
      requeued += lost.length;
      if (deliveries.length < PAGE) return requeued;
      const last = deliveries.at(-1)!;
      after = [last.updatedAt, last.id];
    }
  }

  /** The rows whose job Redis does not have (one round trip per row, all in flight at once). */
  private async withoutJob<T>(rows: T[], job: (row: T) => Promise<unknown>): Promise<T[]> {
    const jobs = await Promise.all(rows.map(job));
    return rows.filter((_, i) => !jobs[i]);
  }
}
