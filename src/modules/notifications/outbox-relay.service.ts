import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Environment } from '../../config/environment';
import { JobName, QueueName } from '../../queues/queues';
import { OutboxEventEntity } from './outbox-event.entity';

const BATCH_SIZE = 500;
const QUEUE_TIMEOUT_MS = 5000;

/**
 * Moves committed outbox rows to BullMQ. Rows are locked (SKIP LOCKED, so several workers share
 * the work), queued with the outbox id as job id, and marked relayed in the same transaction: if
 * Redis is down the transaction rolls back and the rows wait; if the process dies after queueing
 * but before commit, the next pass queues them again and BullMQ drops the duplicate job id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    return this.dataSource.transaction(async (manager) => {
      const events = await manager
        .createQueryBuilder(OutboxEventEntity, 'event')
        .select('event.id')
        .where('event.relayedAt IS NULL')
        .orderBy('event.id')
        .limit(BATCH_SIZE)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (events.length === 0) return 0;
      const jobs = events.map(({ id }) => ({ name: JobName.DISPATCH_EVENT, data: { outboxId: id }, opts: { jobId: `outbox-${id}` } }));
      // Without Redis, BullMQ waits for it; give up instead so the rows stay unrelayed and no lock is held long.
      await Promise.race([
        queue.addBulk(jobs),
        new Promise((_, reject) => setTimeout(() => reject(new Error('Redis did not accept the jobs in time')), QUEUE_TIMEOUT_MS).unref()),
      ]);
      await manager
        .createQueryBuilder()
        .update(OutboxEventEntity)
        .set({ relayedAt: () => 'now()' })
        .whereInIds(events.map(({ id }) => id))
        .execute();
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
