import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { requireProvince } from '../postcodes/postcodes.service';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import type { Connection, ConnectionArgs } from '../../common/graphql/pagination';
import { Clock } from '../../common/clock/clock';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { StudentsFacts } from '../students/students.facts';
import { StudentsService } from '../students/students.service';
import { JobName, QueueName } from '../../queues/queues';
import type { OpenMatchRoundInput } from './dto/matching.input';
import { INELIGIBILITY_MESSAGES } from './eligibility';
import type { MatchExplanationModel } from './models/matching.model';
import { type MatchRoundEntity, MatchRoundStatus } from './match-round.entity';
import { runMatchRound } from './match-round.runner';
import { MatchingRepository } from './matching.repository';
import { newLotterySeed } from './lottery';

/**
 * One job per attempt: BullMQ ignores `add` for a job id it still holds (even failed or completed),
 * so a round queued again needs an id it has never had.
 */
export const matchRoundJobId = (roundId: string, attempt: number) => `match-round-${roundId}-${attempt}`;

/** Job states from which a worker will still run the job. */
const WILL_RUN = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

const CHOICE_MESSAGES: Record<string, string> = {
  ...INELIGIBILITY_MESSAGES,
  MATCHED: 'matched: a proposal was made',
  FULL_BELOW_CUTOFF: 'full with students of higher priority (or equal priority and a better lottery number)',
};

@Injectable()
export class MatchRoundsService {
  private readonly logger = new Logger(MatchRoundsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.MATCHING) private readonly queue: Queue,
    private readonly env: Environment,
    private readonly transactions: Transactions,
    private readonly rounds: MatchingRepository,
    private readonly audit: AuditLog,
    private readonly students: StudentsService,
    private readonly studentFacts: StudentsFacts,
    private readonly clock: Clock,
  ) {}

  /** PLATFORM admins (or the schedule) open a round; its seed is fixed now, before anything runs. */
  async open(actor: Actor | null, input: OpenMatchRoundInput): Promise<MatchRoundEntity> {
    if (input.periodTo < input.periodFrom) throw BadUserInputError.field('input.periodTo', 'periodTo must not be before periodFrom');
    await requireProvince(this.dataSource, input.region, 'input.region');
    const round = await this.transactions.run(async () => {
      const created = await this.rounds.insertRound({
        region: input.region ?? null,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        lotterySeed: newLotterySeed(),
        createdByUserId: actor?.userId ?? null,
      });
      await this.audit.record(actor, { action: 'match_round.opened', entityType: 'match_round', entityId: created.id, after: created });
      return created;
    });
    await this.enqueue(round.id, 0);
    return round;
  }

  /**
   * Queues again every round that no worker is running and no job will run: QUEUED or RUNNING,
   * its lease lapsed (its worker died, or its job was lost with Redis), and its job missing,
   * finished or failed (BullMQ fails a job that stalled twice), or still active on a dead worker.
   * Each gets a fresh job id (`attempt` + 1, claimed in one statement, so several workers sweeping
   * at once queue it once); a run already under way only makes the new one wait and then find the
   * round done. Every worker calls this at start and every half lease. Returns the rounds queued.
   */
  async recoverAbandoned(): Promise<string[]> {
    const lease = this.env.MATCH_ROUND_LEASE_SECONDS;
    const abandoned = await this.rounds.abandonedRounds(lease);
    const requeued: string[] = [];
    for (const round of abandoned) {
      const job = await this.queue.getJob(matchRoundJobId(round.id, round.attempt));
      const state = job ? await job.getState() : 'missing';
      if (WILL_RUN.has(state) || (state === 'active' && round.status === MatchRoundStatus.QUEUED)) continue;
      // Still lapsed, still this attempt, and not being written (SKIP LOCKED): a round whose write is under way is never queued again.
      const attempt = await this.rounds.claimAbandoned(round.id, round.attempt, lease);
      if (attempt === null) continue;
      this.logger.warn(`Match round ${round.id} was abandoned (${round.status}, job ${state}); queued again as attempt ${attempt}`);
      await this.enqueue(round.id, attempt);
      requeued.push(round.id);
    }
    return requeued;
  }

  /**
   * PLATFORM admins: queue a FAILED round again, or a RUNNING one whose worker is gone (its lease
   * lapsed). Same seed, a fresh job; audited. Any other status is a CONFLICT that names it.
   */
  async rerun(actor: Actor, id: string): Promise<MatchRoundEntity> {
    const round = await this.transactions.run(async () => {
      const current = await this.rounds.lockRoundState(id, this.env.MATCH_ROUND_LEASE_SECONDS);
      if (!current) throw new NotFoundError('MatchRound', { field: 'id' });
      if (current.status !== MatchRoundStatus.FAILED && !(current.status === MatchRoundStatus.RUNNING && current.lapsed)) {
        const why = current.status === MatchRoundStatus.RUNNING ? ' and a worker is running it' : '';
        throw new ConflictError(`Match round ${id} is ${current.status}${why}; only FAILED rounds and RUNNING rounds whose worker is gone are run again`);
      }
      await this.rounds.requeueRound(id, this.env.MATCH_ROUND_LEASE_SECONDS);
      const after = await this.rounds.roundOrFail(id);
      await this.audit.record(actor, {
        action: 'match_round.rerun',
        entityType: 'match_round',
        entityId: id,
        before: { status: current.status, error: current.error, attempt: current.attempt },
        after: { status: after.status, attempt: after.attempt },
      });
      return after;
    });
    await this.enqueue(id, round.attempt);
    return round;
  }

  run(roundId: string): Promise<MatchRoundEntity> {
    return runMatchRound(
      this.dataSource,
      roundId,
      { offerExpiryDays: this.env.OFFER_EXPIRY_DAYS, leaseSeconds: this.env.MATCH_ROUND_LEASE_SECONDS },
      {
        now: () => this.clock.now(),
        today: () => this.clock.today(),
        transaction: (work) => this.transactions.run(() => work(this.transactions.manager)),
        clearRematchPriority: (studentIds) => this.students.setRematchPriority(null, studentIds, false),
      },
    );
  }

  async find(id: string): Promise<MatchRoundEntity> {
    const round = await this.rounds.round(id);
    if (!round) throw new NotFoundError('Match round');
    return round;
  }

  list(page: ConnectionArgs): Promise<Connection<MatchRoundEntity>> {
    return this.rounds.listRounds(page);
  }

  /** For the student's own school: what she got in a round and why not her higher choices. */
  async explanation(actor: Actor, studentId: string, roundId: string): Promise<MatchExplanationModel> {
    if (!(await this.studentFacts.isOfSchool(studentId, actor.organizationId))) throw new NotFoundError('Match explanation');
    const explained = await this.explanationOf(studentId, roundId);
    if (!explained) throw new NotFoundError('Match explanation');
    return explained;
  }

  /**
   * For the student herself (issue #17): her explanation in the round, by default in the last round
   * that considered her (null when none did). A round that did not consider her is NOT_FOUND.
   */
  async ownExplanation(actor: Actor, roundId: string | null): Promise<MatchExplanationModel | null> {
    const studentId = actor.studentId;
    if (!studentId) throw new NotFoundError('Match explanation');
    const round = roundId ?? (await this.rounds.latestExplanationRound(studentId));
    if (!round) return null;
    const explained = await this.explanationOf(studentId, round);
    if (!explained) throw new NotFoundError('Match explanation');
    return explained;
  }

  /** A student's explanation in a round, or null; the caller has checked that the actor may read it. */
  async explanationOf(studentId: string, roundId: string): Promise<MatchExplanationModel | null> {
    const [explained] = await this.explanationsOf([{ roundId, studentId }]);
    return explained ?? null;
  }

  /** The explanations of these students in these rounds, those that exist, in one statement; the caller has checked access. */
  async explanationsOf(keys: { roundId: string; studentId: string }[]): Promise<MatchExplanationModel[]> {
    return (await this.rounds.explanations(keys)).map((row) => {
      const outside = [...row.outsideRound];
      const choices = row.ranks.map((rank, n) => {
        const placementId = row.placementIdsOfChoices[n] ?? outside.shift()!;
        const outcome = row.outcomes[n];
        const cutoff = outcome === 'FULL_BELOW_CUTOFF' ? (row.cutoffs[placementId]?.score ?? null) : null;
        return { placementId, rank, outcome, message: CHOICE_MESSAGES[outcome], priority: row.priorities[n], cutoff };
      });
      return { roundId: row.roundId, studentId: row.studentId, placementId: row.placementId, rank: row.rank, choices };
    });
  }

  private async enqueue(roundId: string, attempt: number): Promise<void> {
    try {
      await this.queue.add(JobName.RUN_MATCH_ROUND, { roundId }, { jobId: matchRoundJobId(roundId, attempt), attempts: 3 });
    } catch (error) {
      this.logger.warn(`Could not queue match round ${roundId}: ${(error as Error).message}; a worker queues it again once its lease lapses`);
    }
  }
}
