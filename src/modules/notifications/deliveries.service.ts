import { Injectable, Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { MicroBatcher } from '../../common/micro-batcher';
import { PreparedQueries } from '../../database/prepared-queries';
import type { UserEntity } from '../organizations/user.entity';
import { type DeliveryEntity, DeliveryErrorClass, DeliveryStatus } from './delivery.entity';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { mailboxes } from '../organizations/organizations.facts';
import { type AttemptRecord, NotificationsRepository } from './notifications.repository';

/** Why one attempt failed: the class the organization sees, and the cause only the server log keeps. */
export class DeliveryFailure extends Error {
  readonly statusCode: number | null;
  /** True when trying again cannot help (e.g. 404): one more try at most. */
  readonly permanent: boolean;

  constructor(
    readonly errorClass: DeliveryErrorClass,
    { statusCode = null, permanent = false, cause }: { statusCode?: number | null; permanent?: boolean; cause?: unknown } = {},
  ) {
    super(statusCode === null ? errorClass : `${errorClass} ${statusCode}`, { cause });
    this.statusCode = statusCode;
    this.permanent = permanent;
  }

  /** The underlying message, for the server log only. */
  get detail(): string {
    return this.cause instanceof Error ? this.cause.message : this.message;
  }
}

/** A delivery with what its channel needs to send it: the endpoint (webhook) or the user (e-mail). */
export type DeliveryToSend = Pick<DeliveryEntity, 'id' | 'status' | 'content' | 'userId' | 'endpointId'> & {
  endpoint?: Pick<WebhookEndpointEntity, 'url' | 'secret'>;
  user?: Pick<UserEntity, 'name' | 'email'>;
};

const BATCH = { maxSize: 200, maxWaitMs: 3 };

/**
 * Runs one attempt of a delivery inside its BullMQ job: skips deliveries already delivered or dead,
 * records every attempt, and turns the delivery into a dead letter when its tries are used up.
 * Concurrent jobs share their reads and their writes (one statement each per batch); each job
 * still finishes only once its own attempt is recorded.
 */
@Injectable()
export class DeliveriesService {
  private readonly loader = new MicroBatcher<string, DeliveryToSend | null>((ids) => this.load(ids), BATCH);
  private readonly recorder = new MicroBatcher<AttemptRecord, void>((attempts) => this.record(attempts), BATCH);
  private readonly logger = new Logger(DeliveriesService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly db: PreparedQueries,
  ) {}

  async attempt(job: Job<{ deliveryId: string }>, send: (delivery: DeliveryToSend) => Promise<number | null>): Promise<void> {
    const delivery = await this.loader.add(job.data.deliveryId);
    if (!delivery || delivery.status !== DeliveryStatus.PENDING) return;

    const started = Date.now();
    try {
      const statusCode = await send(delivery);
      await this.recorder.add({ deliveryId: delivery.id, statusCode, error: null, durationMs: Date.now() - started, status: DeliveryStatus.DELIVERED });
    } catch (error) {
      const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure(DeliveryErrorClass.INTERNAL_ERROR, { cause: error });
      const tries = job.opts.attempts ?? 1;
      // A permanent failure (a 4xx other than 408/429) gets one retry, no more.
      const final = job.attemptsMade + 1 >= tries || (failure.permanent && job.attemptsMade >= 1);
      this.logger.warn(`delivery ${delivery.id} attempt ${job.attemptsMade + 1}/${tries} failed: ${failure.message} (${failure.detail})`);
      await this.recorder.add({
        deliveryId: delivery.id,
        statusCode: failure.statusCode,
        error: failure.errorClass,
        durationMs: Date.now() - started,
        status: final ? DeliveryStatus.DEAD : DeliveryStatus.PENDING,
      });
      throw final ? new UnrecoverableError(failure.message) : failure;
    }
  }

  private async load(ids: string[]): Promise<(DeliveryToSend | null)[]> {
    const rows = await this.notifications.deliveriesToSend([...new Set(ids)]);
    const users = await mailboxes(this.db, rows.flatMap((row) => (row.user_id ? [row.user_id] : [])));
    const byId = new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          status: row.status,
          content: row.content,
          userId: row.user_id,
          endpointId: row.endpoint_id,
          endpoint: row.url === null ? undefined : { url: row.url, secret: row.secret! },
          user: row.user_id ? users.get(row.user_id) : undefined,
        },
      ]),
    );
    return ids.map((id) => byId.get(id) ?? null);
  }

  private async record(attempts: AttemptRecord[]): Promise<void[]> {
    await this.notifications.recordAttempts(attempts);
    return attempts.map(() => undefined);
  }
}
