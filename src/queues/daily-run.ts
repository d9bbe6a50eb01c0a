import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { DailyCheckRunEntity } from './daily-check-run.entity';
import { JobName, QueueName } from './queues';
import { Clock } from '../common/clock/clock';
import { DailyCheck, DailyCheckDeclaration, DailyCheckProvider } from './daily-check';

export interface RegisteredDailyCheck extends DailyCheckDeclaration {
  check: DailyCheck;
}

/**
 * Every provider declared with `@DailyCheckProvider`, in their order. Fails the boot on two checks
 * with one name or one position, so the order of a day is never left to module load order.
 */
@Injectable()
export class DailyChecks implements OnModuleInit {
  private list: RegisteredDailyCheck[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const found = this.discovery
      .getProviders({ metadataKey: DailyCheckProvider.KEY })
      .filter((wrapper) => wrapper.instance)
      .map((wrapper) => ({ ...this.discovery.getMetadataByDecorator(DailyCheckProvider, wrapper)!, check: wrapper.instance as DailyCheck }));
    this.list = validateDailyChecks(found);
  }

  inOrder(): readonly RegisteredDailyCheck[] {
    return this.list;
  }
}

export function validateDailyChecks(checks: RegisteredDailyCheck[]): RegisteredDailyCheck[] {
  const unique = (key: 'name' | 'order') => {
    const seen = new Map<unknown, string>();
    for (const { name, [key]: value } of checks) {
      if (seen.has(value)) throw new Error(`Daily checks ${seen.get(value)} and ${name} share the ${key} ${value}; give each its own`);
      seen.set(value, name);
    }
  };
  unique('name');
  unique('order');
  for (const { name, order, check } of checks) {
    if (!Number.isInteger(order)) throw new Error(`Daily check ${name}: order must be an integer, got ${order}`);
    if (typeof check.run !== 'function') throw new Error(`Daily check ${name} has no run(day) method`);
  }
  return [...checks].sort((a, b) => a.order - b.order);
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
    private readonly checks: DailyChecks,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<{ day?: string }>): Promise<{ day: string; ran: string[] }> {
    if (job.name !== JobName.DAILY_RUN) throw new Error(`Unknown maintenance job ${job.name}`);
    const day = job.data.day ?? this.clock.today();
    const runs = this.dataSource.getRepository(DailyCheckRunEntity);
    const ran: string[] = [];
    for (const { name, check } of this.checks.inOrder()) {
      if (await runs.existsBy({ checkName: name, day })) continue;
      await check.run(day);
      await runs.insert({ checkName: name, day });
      ran.push(name);
    }
    this.logger.log(`Daily run ${day}: ${ran.length ? ran.join(', ') : 'nothing left to do'}`);
    return { day, ran };
  }
}
