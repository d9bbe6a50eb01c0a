import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DUTCH_TIME_ZONE } from '../common/clock/clock';
import { PeriodicTask } from '../common/periodic-task';
import { Environment } from '../config/environment';
import { JobName, QueueName } from './queues';


/**
 * Creates the repeatable jobs when a worker starts. `upsertJobScheduler` is idempotent, so any
 * number of workers starting at once leave exactly one scheduler per schedule. A scheduler lives
 * in Redis: every RECONCILE_INTERVAL_SECONDS each worker creates it again if Redis lost it.
 */
@Injectable()
export class ScheduleRegistrar implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduleRegistrar.name);
  private readonly check = new PeriodicTask(ScheduleRegistrar.name, () => this.restoreLost());

  constructor(
    @InjectQueue(QueueName.MAINTENANCE) private readonly maintenance: Queue,
    private readonly env: Environment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.logger.log('Job schedulers registered');
    this.check.start(this.env.RECONCILE_INTERVAL_SECONDS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.check.stop();
  }

  private register() {
    return this.maintenance.upsertJobScheduler(JobName.DAILY_RUN, { pattern: '0 6 * * *', tz: DUTCH_TIME_ZONE }, { name: JobName.DAILY_RUN, data: {} });
  }

  private async restoreLost(): Promise<void> {
    if (await this.maintenance.getJobScheduler(JobName.DAILY_RUN)) return;
    await this.register();
    this.logger.warn('The daily-run scheduler was gone from Redis; registered it again');
  }
}
