import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Actor } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { ownedOrNotFound } from '../../common/errors/domain-errors';
import { CompaniesPolicy } from '../companies/companies.policy';
import { type Connection, paginate, type ConnectionArgs } from '../../common/graphql/pagination';
import { Transactions } from '../../database/transactions';
import { type AccreditationLoss, AccreditationLossHooks } from '../companies/accreditation-loss';
import { PlacementJudges } from '../placements/placement-judge';
import { PlacementsService } from '../placements/placements.service';
import type { ComplianceEvaluationEntity } from './compliance-evaluation.entity';
import { ComplianceRepository } from './compliance.repository';
import { EvaluationTrigger } from './compliance-status';
import { evaluatePlacements, type ReevaluationScope, storeEvaluations } from './placement-compliance';

const TRIGGER_OF_LOSS: Record<AccreditationLoss, EvaluationTrigger> = {
  REVOKED: EvaluationTrigger.ACCREDITATION_REVOKED,
  LAPSED: EvaluationTrigger.ACCREDITATION_LAPSED,
};

/**
 * The compliance engine as the other features use it. At boot it registers itself with the modules
 * below it: as placements' judge (placements applies the verdicts and decides the status) and as
 * the re-evaluation of R2's cascade when a branch loses an accreditation.
 */
@Injectable()
export class ComplianceService implements OnModuleInit {
  constructor(
    private readonly transactions: Transactions,
    private readonly placements: PlacementsService,
    private readonly judges: PlacementJudges,
    private readonly lossHooks: AccreditationLossHooks,
    private readonly clock: Clock,
    private readonly compliance: ComplianceRepository,
  ) {}

  onModuleInit(): void {
    this.judges.register({
      judge: async (placement) => (await evaluatePlacements(this.transactions.manager, [placement]))[0],
      judgeMany: (placements) => evaluatePlacements(this.transactions.manager, placements),
      record: (applied, trigger) => storeEvaluations(this.transactions.manager, applied, trigger),
    });
    this.lossHooks.reevaluateBranch.register(async (actor, branchId, loss) => (await this.reevaluateBranch(actor, branchId, TRIGGER_OF_LOSS[loss])).suspended);
  }

  /**
   * Inside the ambient transaction: every live placement of a branch (an accreditation changed,
   * R2). `actor` is null when the system caused it (the daily check lapsing an accreditation, R3).
   * Returns the placements it suspended.
   */
  async reevaluateBranch(actor: Actor | null, branchId: string, trigger: EvaluationTrigger): Promise<{ suspended: string[] }> {
    const suspended: string[] = [];
    let afterId: string | null = null;
    do {
      const batch = await this.placements.reevaluateBatch({ branchId }, trigger, afterId, actor);
      suspended.push(...batch.suspended);
      afterId = batch.lastId;
    } while (afterId);
    return { suspended };
  }

  /** Every live placement in scope, one transaction per batch so a long run holds no lock for long. */
  async reevaluate(scope: ReevaluationScope, trigger: EvaluationTrigger): Promise<{ suspended: number }> {
    let suspended = 0;
    let afterId: string | null = null;
    do {
      const batch = await this.transactions.run(() => this.placements.reevaluateBatch(scope, trigger, afterId));
      suspended += batch.suspended.length;
      afterId = batch.lastId;
    } while (afterId);
    return { suspended };
  }

  /** Re-evaluates what a norm-set version governs, once; a retry or second worker finds it done. */
  async reevaluateForNormSet(normSetId: string): Promise<void> {
    const normSet = await this.compliance.findNormSet(normSetId);
    if (!normSet || normSet.reevaluatedAt) return;
    // The first version also governs placements that start before it.
    await this.reevaluate({ startingFrom: normSet.version === 1 ? undefined : normSet.effectiveFrom }, EvaluationTrigger.NORM_SET);
    await this.compliance.markReevaluated(normSetId, this.clock.now());
  }

  /** One stored evaluation, for whoever reads its company's internals (node(id)): the company, SBB, the operator; else NOT_FOUND. */
  async findEvaluation(actor: Actor, id: string): Promise<ComplianceEvaluationEntity> {
    const evaluation = await this.compliance.historyQuery({}).andWhere('evaluation.id = :id', { id }).getOne();
    return ownedOrNotFound('Compliance evaluation', evaluation, { visible: (found) => CompaniesPolicy.seesInternals(actor, found.companyId) });
  }

  history(filter: { placementId?: string; companyId?: string }, page: ConnectionArgs): Promise<Connection<ComplianceEvaluationEntity>> {
    return paginate(this.compliance.historyQuery(filter), page);
  }
}
