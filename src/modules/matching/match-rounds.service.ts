import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { requireProvince } from '../postcodes/postcodes.service';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { type Connection, type ConnectionArgs, paginate } from '../../common/graphql/pagination';
import { Environment } from '../../config/environment';
import { JobName, QueueName } from '../../queues/queues';
import type { OpenMatchRoundInput } from './dto/matching.input';
import { INELIGIBILITY_MESSAGES } from './eligibility';
import type { MatchExplanationEntity } from './match-explanation.entity';
import type { MatchExplanationModel } from './models/matching.model';
import { type Cutoff, MatchRoundEntity, MatchRoundStatus } from './match-round.entity';
import { runMatchRound } from './match-round.runner';
import { newLotterySeed } from './lottery';

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
  ) {}

  /** PLATFORM admins (or the schedule) open a round; its seed is fixed now, before anything runs. */
  async open(actor: Actor | null, input: OpenMatchRoundInput): Promise<MatchRoundEntity> {
    if (input.periodTo < input.periodFrom) throw BadUserInputError.field('input.periodTo', 'periodTo must not be before periodFrom');
    await requireProvince(this.dataSource, input.region, 'input.region');
    const round = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(MatchRoundEntity, {
          region: input.region ?? null,
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          lotterySeed: newLotterySeed(),
          createdByUserId: actor?.userId ?? null,
        }),
      );
      await recordAudit(manager, actor, { action: 'match_round.opened', entityType: 'match_round', entityId: created.id, after: created });
      return created;
    });
    await this.enqueue(round.id);
    return round;
  }

  /** Queues the rounds not finished (also at worker start: a crash or a lost enqueue loses no round). */
  async enqueueUnfinished(): Promise<void> {
    const rounds = await this.dataSource.getRepository(MatchRoundEntity).find({
      where: [{ status: MatchRoundStatus.QUEUED }, { status: MatchRoundStatus.RUNNING }],
    });
    for (const { id } of rounds) await this.enqueue(id);
  }

  run(roundId: string): Promise<MatchRoundEntity> {
    return runMatchRound(this.dataSource, roundId, this.env.OFFER_EXPIRY_DAYS);
  }

  async find(id: string): Promise<MatchRoundEntity> {
    const round = await this.dataSource.getRepository(MatchRoundEntity).findOneBy({ id });
    if (!round) throw new NotFoundError('Match round');
    return round;
  }

  list(page: ConnectionArgs): Promise<Connection<MatchRoundEntity>> {
    return paginate(this.dataSource.getRepository(MatchRoundEntity).createQueryBuilder('round').orderBy('round.createdAt', 'DESC').addOrderBy('round.id'), page);
  }

  /** For the student's own school: what she got in a round and why not her higher choices. */
  async explanation(actor: Actor, studentId: string, roundId: string): Promise<MatchExplanationModel> {
    const [row] = await this.dataSource.query<(MatchExplanationEntity & { placementIdsOfChoices: (string | null)[]; cutoffs: Record<string, Cutoff | null> })[]>(
      `SELECT e.round_id AS "roundId", e.student_id AS "studentId", e.placement_id AS "placementId", e.rank, e.ranks, e.outcomes,
              e.priorities, e.outside_round AS "outsideRound", r.cutoffs,
              ARRAY(SELECT r.placement_ids[i + 1] FROM unnest(e.placements) WITH ORDINALITY AS c(i, n) ORDER BY n) AS "placementIdsOfChoices"
         FROM match_explanations e JOIN match_rounds r ON r.id = e.round_id JOIN students s ON s.id = e.student_id
        WHERE e.round_id = $1 AND e.student_id = $2 AND s.school_id = $3`,
      [roundId, studentId, actor.organizationId],
    );
    if (!row) throw new NotFoundError('Match explanation');
    const outside = [...row.outsideRound];
    const choices = row.ranks.map((rank, n) => {
      const placementId = row.placementIdsOfChoices[n] ?? outside.shift()!;
      const outcome = row.outcomes[n];
      const cutoff = outcome === 'FULL_BELOW_CUTOFF' ? (row.cutoffs[placementId]?.score ?? null) : null;
      return { placementId, rank, outcome, message: CHOICE_MESSAGES[outcome], priority: row.priorities[n], cutoff };
    });
    return { roundId: row.roundId, studentId: row.studentId, placementId: row.placementId, rank: row.rank, choices };
  }

  private async enqueue(roundId: string): Promise<void> {
    try {
      await this.queue.add(JobName.RUN_MATCH_ROUND, { roundId }, { jobId: `match-round-${roundId}`, attempts: 3 });
    } catch (error) {
      this.logger.warn(`Could not queue match round ${roundId}: ${(error as Error).message}; the worker queues it at its next start`);
    }
  }
}
