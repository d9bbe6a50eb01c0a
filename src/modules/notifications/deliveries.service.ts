import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
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
    const repository = this.dataSource.getRepository(DeliveryEntity);
    const delivery = await repository.findOneBy({ id: job.data.deliveryId });
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

  private async record(
    delivery: DeliveryEntity,
    attempt: { statusCode: number | null; error: string | null; durationMs: number },
    status: DeliveryStatus,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(DeliveryAttemptEntity, { deliveryId: delivery.id, ...attempt });
      await manager
        .createQueryBuilder()
        .update(DeliveryEntity)
        .set({
          status,
          attemptCount: () => 'attempt_count + 1',
          lastError: attempt.error,
          ...(status === DeliveryStatus.DELIVERED ? { deliveredAt: () => 'now()' } : {}),
        })
        .where('id = :id', { id: delivery.id })
        .execute();
    });
  }
}
