import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { DeliveryEntity, DeliveryStatus } from './delivery.entity';

/** The receiver's answer to one attempt. */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null = null,
    /** True when trying again cannot help (e.g. 404): one more try at most. */
    readonly permanent = false,
  ) {
    super(message);
  }
}

/**
 * Runs one attempt of a delivery inside its BullMQ job: skips deliveries already delivered or dead,
 * records every attempt, and turns the delivery into a dead letter when its tries are used up.
 */
@Injectable()
export class DeliveriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async attempt(job: Job<{ deliveryId: string }>, send: (delivery: DeliveryEntity) => Promise<number | null>): Promise<void> {
    const delivery = await this.dataSource
      .getRepository(DeliveryEntity)
      .findOne({ where: { id: job.data.deliveryId }, relations: { endpoint: true } });
    if (!delivery || delivery.status !== DeliveryStatus.PENDING) return;

    const started = Date.now();
    try {
      const statusCode = await send(delivery);
      await this.record(delivery, { statusCode, error: null, durationMs: Date.now() - started }, DeliveryStatus.DELIVERED);
    } catch (error) {
      const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure((error as Error).message);
      const tries = job.opts.attempts ?? 1;
      // A permanent failure (a 4xx other than 408/429) gets one retry, no more.
      const final = job.attemptsMade + 1 >= tries || (failure.permanent && job.attemptsMade >= 1);
      await this.record(
        delivery,
        { statusCode: failure.statusCode, error: failure.message, durationMs: Date.now() - started },
        final ? DeliveryStatus.DEAD : DeliveryStatus.PENDING,
      );
      throw final ? new UnrecoverableError(failure.message) : failure;
    }
  }

  /** The attempt row and the delivery's new state in one statement. */
  private async record(
    delivery: DeliveryEntity,
    attempt: { statusCode: number | null; error: string | null; durationMs: number },
    status: DeliveryStatus,
  ): Promise<void> {
    await this.dataSource.query(
      `WITH attempt AS (
         INSERT INTO delivery_attempts (delivery_id, status_code, error, duration_ms) VALUES ($1, $2, $3, $4)
       )
       UPDATE deliveries SET status = $5::delivery_status, attempt_count = attempt_count + 1, last_error = $3, updated_at = now(),
              delivered_at = CASE WHEN $5::delivery_status = 'DELIVERED' THEN now() ELSE delivered_at END
        WHERE id = $1`,
      [delivery.id, attempt.statusCode, attempt.error, attempt.durationMs, status],
    );
  }
}
