import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { addDays } from '../../../common/calendar';
import { PeriodicTask } from '../../../common/periodic-task';
import { Environment } from '../../../config/environment';
import { type DailyCheck, DailyCheckProvider } from '../../../queues/daily-check';
import { JobName, QueueName } from '../../../queues/queues';
import { MatchRoundsService } from '../match-rounds.service';
import { ProposalsService } from '../proposals.service';

/** Runs match rounds, one at a time per worker (and one at a time in all: see MATCH_SOLVE_LOCK). */
@Processor(QueueName.MATCHING, { concurrency: 1 })
export class MatchRoundProcessor extends WorkerHost {
  constructor(private readonly rounds: MatchRoundsService) {
    super();
  }

  async process(job: Job<{ roundId: string }>): Promise<{ status: string }> {
    if (job.name !== JobName.RUN_MATCH_ROUND) throw new Error(`Unknown matching job ${job.name}`);
    const round = await this.rounds.run(job.data.roundId);
    return { status: round.status };
  }
}

/**
 * Every worker, at start and every half lease: a round whose worker died or whose job was lost is
 * queued again (see `MatchRoundsService.recoverAbandoned`), so it finishes within about one and a
 * half leases of a worker being up.
 */
@Injectable()
export class MatchRoundRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweep = new PeriodicTask('MatchRoundRecovery', () => this.rounds.recoverAbandoned());

  constructor(
    private readonly rounds: MatchRoundsService,
    private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep.start(this.env.MATCH_ROUND_LEASE_SECONDS * 500);
  }

  onApplicationShutdown(): Promise<void> {
    return this.sweep.stop();
  }
}

/** The national round the schedule opens each Monday: placements starting in the coming half year. */
export const SCHEDULED_ROUND_HORIZON_DAYS = 182;

/** Daily, acting on Mondays: opens the week's national round (PLATFORM admins may open others at any time). */
@Injectable()
@DailyCheckProvider({ name: 'open-scheduled-match-round', order: 40 })
export class ScheduledMatchRoundCheck implements DailyCheck {
  constructor(private readonly rounds: MatchRoundsService) {}

  async run(day: string): Promise<void> {
    if (new Date(`${day}T12:00:00Z`).getUTCDay() !== 1) return;
    await this.rounds.open(null, { periodFrom: day, periodTo: addDays(day, SCHEDULED_ROUND_HORIZON_DAYS) });
  }
}

/** Daily: open proposals past their expiry free their seat; those expiring within two days are announced once. */
@Injectable()
@DailyCheckProvider({ name: 'expire-proposals', order: 30 })
export class ProposalExpiryCheck implements DailyCheck {
  constructor(private readonly proposals: ProposalsService) {}

  async run(): Promise<void> {
    await this.proposals.expireDue();
    await this.proposals.remindExpiring();
  }
}
