import { Injectable, Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { MicroBatcher } from '../../common/micro-batcher';
import { PreparedQueries } from '../../database/prepared-queries';
import type { UserEntity } from '../organizations/user.entity';
import { type DeliveryEntity, DeliveryErrorClass, DeliveryStatus } from './delivery.entity';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { mailboxes } from '../organizations/organizations.facts';

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

interface AttemptRecord {
  deliveryId: string;
  statusCode: number | null;
  error: DeliveryErrorClass | null;
  durationMs: number;
  status: DeliveryStatus;
}

const LOAD = `
  SELECT d.id, d.status, d.content, d.user_id, d.endpoint_id, e.url, e.secret
    FROM deliveries d LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id
   WHERE d.id = ANY($1::uuid[])`;

/** Every attempt row of the batch and the deliveries' new states in one statement. */
const RECORD = `
  WITH attempt AS (
    SELECT * FROM unnest($1::uuid[], $2::int[], $3::delivery_error_class[], $4::int[], $5::delivery_status[]) AS a(delivery_id, status_code, error, duration_ms, status)
  ), recorded AS (
    INSERT INTO delivery_attempts (delivery_id, status_code, error, duration_ms) SELECT delivery_id, status_code, error, duration_ms FROM attempt
  )
  UPDATE deliveries d SET status = a.status, attempt_count = d.attempt_count + 1, last_error = a.error, updated_at = now(),
         delivered_at = CASE WHEN a.status = 'DELIVERED' THEN now() ELSE d.delivered_at END
    FROM attempt a WHERE d.id = a.delivery_id`;

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

  constructor(private readonly db: PreparedQueries) {}

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
    const rows = await this.db.query<{
      id: string;
      status: DeliveryStatus;
      content: DeliveryEntity['content'];
      user_id: string | null;
      endpoint_id: string | null;
      url: string | null;
      secret: string | null;
    }>(LOAD, [[...new Set(ids)]]);
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
    await this.db.query(RECORD, [
      attempts.map((a) => a.deliveryId),
      attempts.map((a) => a.statusCode),
      attempts.map((a) => a.error),
      attempts.map((a) => a.durationMs),
      attempts.map((a) => a.status),
    ]);
    return attempts.map(() => undefined);
  }
}
