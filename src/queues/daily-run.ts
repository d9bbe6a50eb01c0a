import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { DailyCheckRunEntity } from './daily-check-run.entity';
import { JobName, QueueName } from './queues';
import { SCHEDULE_TIME_ZONE } from './schedule-registrar';

/** A check the daily run performs (compliance re-evaluation, reminders, expiries, …). */
export interface DailyCheck {
  readonly name: string;
  run(day: string): Promise<void>;
}

/** The checks the daily run performs; a feature plugs one in by adding it to this provider. */
export const DAILY_CHECKS = Symbol('DAILY_CHECKS');

/** Today's date in the Netherlands, as YYYY-MM-DD. */
export function dutchToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: SCHEDULE_TIME_ZONE }).format(now);
}

/**
 * The daily run: each registered check once per Dutch calendar day. A check that completed today
 * is skipped when the job runs again (a retry, a second worker, a manual trigger); one that failed
 * fails the job, which BullMQ retries.
 */
@Processor(QueueName.MAINTENANCE)
export class DailyRunProcessor extends WorkerHost {
  private readonly logger = new Logger('DailyRun');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DAILY_CHECKS) private readonly checks: DailyCheck[],
  ) {
    super();
  }

  async process(job: Job<{ day?: string }>): Promise<{ day: string; ran: string[] }> {
    if (job.name !== JobName.DAILY_RUN) throw new Error(`Unknown maintenance job ${job.name}`);
    const day = job.data.day ?? dutchToday();
    const runs = this.dataSource.getRepository(DailyCheckRunEntity);
    const ran: string[] = [];
    for (const check of this.checks) {
      if (await runs.existsBy({ checkName: check.name, day })) continue;
      await check.run(day);
      await runs.insert({ checkName: check.name, day });
      ran.push(check.name);
    }
    this.logger.log(`Daily run ${day}: ${ran.length ? ran.join(', ') : 'nothing left to do'}`);
    return { day, ran };
  }
}
