import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { EventsRepository } from './events.repository';
import { JobName, QueueName } from '../../queues/queues';

const BATCH_SIZE = 500;
const QUEUE_TIMEOUT_MS = 5000;

/** What a dispatch job carries: the row to read, and the event it must be (ids repeat after a reset). */
export interface DispatchJobData {
  outboxId: string;
  /** Absent only on jobs queued before event ids existed. */
  eventId?: string;
}

/** The one dispatch job of an outbox event, named after its uuid, so it never collides with another's. */
export function dispatchJob(event: { id: string; event_id: string }) {
  const data: DispatchJobData = { outboxId: event.id, eventId: event.event_id };
  return { name: JobName.DISPATCH_EVENT, data, opts: { jobId: dispatchJobId(event.event_id) } };
}

export const dispatchJobId = (eventId: string) => `outbox-${eventId}`;

/**
 * Moves committed outbox rows to BullMQ. Rows are locked (SKIP LOCKED, so several workers share
 * the work), marked relayed and queued with the event's uuid as job id in one transaction: if
 * Redis is down the transaction rolls back and the rows wait; if the process dies after queueing
 * but before commit, the next pass queues them again and BullMQ drops the duplicate job id. A job
 * Redis loses after the commit is queued again by the NotificationReconciler.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly transactions: Transactions,
    private readonly outbox: EventsRepository,
    @InjectQueue(QueueName.NOTIFICATION_DISPATCH) private readonly dispatchQueue: Queue,
    private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.resume();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pause();
  }

  resume(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the pass in progress. */
  async pause(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One pass: relays up to a batch of committed events into `queue` and returns how many. */
  async relayOnce(queue: Queue = this.dispatchQueue): Promise<number> {
    return this.transactions.run(async () => {
      // Marked relayed first, but the mark commits only after Redis has the jobs.
      const events = await this.outbox.markRelayed(BATCH_SIZE);
      if (events.length === 0) return 0;
      events.sort((a, b) => Number(a.id) - Number(b.id));
      const jobs = events.map(dispatchJob);
      // Without Redis, BullMQ waits for it; give up instead so the rows stay unrelayed and no lock is held long.
      await Promise.race([
        queue.addBulk(jobs),
        new Promise((_, reject) => setTimeout(() => reject(new Error('Redis did not accept the jobs in time')), QUEUE_TIMEOUT_MS).unref()),
      ]);
      return events.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let relayed = 0;
      try {
        relayed = await this.relayOnce();
      } catch (error) {
        this.logger.warn(`Outbox relay pass failed, will retry: ${(error as Error).message}`);
      }
      if (relayed < BATCH_SIZE) await new Promise((resolve) => setTimeout(resolve, this.env.OUTBOX_POLL_MS));
    }
  }
}
