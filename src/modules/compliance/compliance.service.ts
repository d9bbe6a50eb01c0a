import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/roles';
import { type Connection, paginate, type ConnectionArgs } from '../../common/graphql/pagination';
import { inTransaction } from '../../database/transaction';
import type { PlacementEntity } from '../placements/placement.entity';
import { ComplianceEvaluationEntity } from './compliance-evaluation.entity';
import { ComplianceStatus, EvaluationTrigger } from './compliance-status';
import { ComplianceRejection } from './models/compliance.model';
import { NormSetEntity } from './norm-set.entity';
import {
  evaluatePlacements,
  type PlacementEvaluation,
  recordEvaluations,
  reevaluateBatch,
  type ReevaluationScope,
} from './placement-compliance';

/** Thrown inside a transaction to roll it back and answer with the rejection instead. */
export class ComplianceRejected extends Error {
  constructor(readonly rejection: ComplianceRejection) {
    super(rejection.message);
  }
}

/** The compliance engine as the other features use it: judge at the point of entry, store, re-evaluate. */
@Injectable()
export class ComplianceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Judges a placement as it stands in the caller's transaction. Writes nothing. */
  async judge(manager: EntityManager, placement: PlacementEntity): Promise<PlacementEvaluation> {
    const [evaluation] = await evaluatePlacements(manager, [placement]);
    return evaluation;
  }

  /** A rejection when the evaluation has BLOCK findings, else null. */
  rejectionFor(evaluation: PlacementEvaluation, what: string): ComplianceRejection | null {
    return evaluation.verdict === ComplianceStatus.BLOCKED ? new ComplianceRejection(evaluation.findings, evaluation.normSet.version, what) : null;
  }

  async record(manager: EntityManager, evaluation: PlacementEvaluation, trigger: EvaluationTrigger, actor: Actor | null): Promise<void> {
    await recordEvaluations(manager, [evaluation], trigger, actor);
  }

  /**
   * Inside the caller's transaction: every live placement of a branch (an accreditation changed,
   * R2). `actor` is null when the system caused it (the daily check lapsing an accreditation, R3).
   * Returns the placements it suspended.
   */
  async reevaluateBranch(manager: EntityManager, actor: Actor | null, branchId: string, trigger: EvaluationTrigger): Promise<{ suspended: string[] }> {
    const suspended: string[] = [];
    let afterId: string | null = null;
    do {
      const batch = await reevaluateBatch(manager, { branchId }, trigger, afterId, actor);
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
      const batch = await inTransaction(this.dataSource, (manager) => reevaluateBatch(manager, scope, trigger, afterId));
      suspended += batch.suspended.length;
      afterId = batch.lastId;
    } while (afterId);
    return { suspended };
  }

  /** Re-evaluates what a norm-set version governs, once; a retry or second worker finds it done. */
  async reevaluateForNormSet(normSetId: string): Promise<void> {
    const normSet = await this.dataSource.getRepository(NormSetEntity).findOneBy({ id: normSetId });
    if (!normSet || normSet.reevaluatedAt) return;
    // The first version also governs placements that start before it.
    await this.reevaluate({ startingFrom: normSet.version === 1 ? undefined : normSet.effectiveFrom }, EvaluationTrigger.NORM_SET);
    await this.dataSource.getRepository(NormSetEntity).update({ id: normSetId }, { reevaluatedAt: new Date() });
  }

  history(filter: { placementId?: string; companyId?: string }, page: ConnectionArgs): Promise<Connection<ComplianceEvaluationEntity>> {
    const query = this.dataSource
      .getRepository(ComplianceEvaluationEntity)
      .createQueryBuilder('evaluation')
      .orderBy('evaluation.evaluatedAt', 'DESC')
      .addOrderBy('evaluation.id');
    if (filter.placementId) query.andWhere('evaluation.placementId = :placementId', { placementId: filter.placementId });
    if (filter.companyId) query.andWhere('evaluation.companyId = :companyId', { companyId: filter.companyId });
    return paginate(query, page);
  }
}
