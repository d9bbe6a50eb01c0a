import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { Transactions } from '../../database/transactions';
import { JobName, QueueName } from '../../queues/queues';
import type { Sector } from '../organizations/sector';
import type { CreateNormSetInput, NormsInput } from './dto/norm-set.input';
import { ComplianceRepository } from './compliance.repository';
import type { NormSetEntity } from './norm-set.entity';
import type { Norms } from './norms';
import type { RuleId, Severity } from './rules/rule';

/** Serialises version numbering between concurrent SBB users. */
const NORM_SET_LOCK = 0x6e6f726d;

@Injectable()
export class NormSetsService {
  private readonly logger = new Logger(NormSetsService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    @InjectQueue(QueueName.COMPLIANCE) private readonly queue: Queue,
    private readonly compliance: ComplianceRepository,
  ) {}

  /** One version (public rules); an unknown id is NOT_FOUND. */
  async find(id: string): Promise<NormSetEntity> {
    const found = await this.compliance.findNormSet(id);
    if (!found) throw new NotFoundError('NormSet');
    return found;
  }

  list(): Promise<NormSetEntity[]> {
    return this.compliance.normSetsNewestFirst();
  }

  /**
   * SBB adds a version (never edits one). It governs placements starting on or after its
   * effective date; the worker re-evaluates those (R2 suspends what no longer complies).
   */
  async create(actor: Actor, input: CreateNormSetInput): Promise<NormSetEntity> {
    const normSet = await this.transactions.run(async () => {
      await this.transactions.manager.query('SELECT pg_advisory_xact_lock($1)', [NORM_SET_LOCK]);
      const latest = await this.compliance.latestNormSet();
      if (input.effectiveFrom <= latest.effectiveFrom) {
        throw BadUserInputError.field(
          'input.effectiveFrom',
          `effectiveFrom must be after ${latest.effectiveFrom}, when version ${latest.version} took effect: versions never overlap`,
        );
      }
      const created = await this.compliance.insertNormSet({
        version: latest.version + 1,
        effectiveFrom: input.effectiveFrom,
        note: input.note,
        norms: mergeNorms(latest.norms, input.norms),
        createdByUserId: actor.userId,
        reevaluatedAt: null,
      });
      await this.audit.record(actor, { action: 'norm_set.created', entityType: 'norm_set', entityId: created.id, after: created });
      return created;
    });
    await this.enqueueReevaluation(normSet.id);
    return normSet;
  }

  /** Queues the re-evaluations still owed (also at worker start, in case the API died before queueing one). */
  async enqueuePending(): Promise<void> {
    const pending = await this.compliance.normSetsNotReevaluated();
    for (const { id } of pending) await this.enqueueReevaluation(id);
  }

  private async enqueueReevaluation(normSetId: string): Promise<void> {
    try {
      await this.queue.add(JobName.REEVALUATE_FOR_NORM_SET, { normSetId }, { jobId: `norm-set-${normSetId}` });
    } catch (error) {
      // The version is committed with reevaluatedAt null: the worker's start and the daily run pick it up.
      this.logger.warn(`Could not queue the re-evaluation for norm set ${normSetId}: ${(error as Error).message}`);
    }
  }
}

/** The latest version's figures with the input's changes; checks what only the whole set can show. */
export function mergeNorms(base: Norms, input: NormsInput): Norms {
  const { maxStudentsPerTrainerBySector, minimumWage, severities, ...figures } = input;
  const defined = Object.fromEntries(Object.entries(figures).filter(([, value]) => value !== undefined && value !== null));
  const norms: Norms = {
    ...base,
    ...defined,
    maxStudentsPerTrainerBySector: maxStudentsPerTrainerBySector
      ? Object.fromEntries(maxStudentsPerTrainerBySector.map(({ sector, maxStudents }) => [sector, maxStudents])) as Partial<Record<Sector, number>>
      : base.maxStudentsPerTrainerBySector,
    minimumWageCentsPerHourByAge: minimumWage
      ? Object.fromEntries(minimumWage.map(({ age, centsPerHour }) => [age, centsPerHour]))
      : base.minimumWageCentsPerHourByAge,
    severities: { ...base.severities, ...Object.fromEntries((severities ?? []).map(({ rule, severity }) => [rule, severity])) } as Record<RuleId, Severity>,
  };
  if (maxStudentsPerTrainerBySector && new Set(maxStudentsPerTrainerBySector.map((s) => s.sector)).size < maxStudentsPerTrainerBySector.length) {
    throw BadUserInputError.field('input.norms.maxStudentsPerTrainerBySector', 'each sector may appear once', 'R6');
  }
  if (minimumWage && (minimumWage.length === 0 || new Set(minimumWage.map((w) => w.age)).size < minimumWage.length)) {
    throw BadUserInputError.field('input.norms.minimumWage', 'the table needs at least one age, each age once', 'R14');
  }
  if (norms.bolWarnAboveHoursPerWeek > norms.bolMaxHoursPerWeek) {
    throw BadUserInputError.field('input.norms.bolWarnAboveHoursPerWeek', 'the warning level must not be above bolMaxHoursPerWeek', 'R12');
  }
  return norms;
}
