import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobName, QueueName } from './queues';

/** The time zone every schedule runs in: Dutch school days. */
export const SCHEDULE_TIME_ZONE = 'Europe/Amsterdam';

/**
 * Creates the repeatable jobs when a worker starts. `upsertJobScheduler` is idempotent, so any
 * number of workers starting at once leave exactly one scheduler per schedule.
 */
@Injectable()
export class ScheduleRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScheduleRegistrar.name);

  constructor(@InjectQueue(QueueName.MAINTENANCE) private readonly maintenance: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      JobName.DAILY_RUN,
      { pattern: '0 6 * * *', tz: SCHEDULE_TIME_ZONE },
      { name: JobName.DAILY_RUN, data: {} },
    );
    this.logger.log('Job schedulers registered');
  }
}
