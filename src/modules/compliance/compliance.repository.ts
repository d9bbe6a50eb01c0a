import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull, type SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../../database/transactions';
import { ComplianceEvaluationEntity } from './compliance-evaluation.entity';
import { NormSetEntity } from './norm-set.entity';

/** The only place compliance's tables are named; joins the ambient transaction. */
@Injectable()
export class ComplianceRepository {
  constructor(private readonly transactions: Transactions) {}

  findNormSet(id: string): Promise<NormSetEntity | null> {
    return this.transactions.manager.findOneBy(NormSetEntity, { id });
  }

  /** Every version, newest first. */
  normSetsNewestFirst(): Promise<NormSetEntity[]> {
    return this.transactions.manager.getRepository(NormSetEntity).find({ order: { version: 'DESC' } });
  }

  /** The newest version; the migrations create version 1, so there always is one. */
  latestNormSet(): Promise<NormSetEntity> {
    return this.transactions.manager.findOneOrFail(NormSetEntity, { where: {}, order: { version: 'DESC' } });
  }

  insertNormSet(fields: Partial<NormSetEntity>): Promise<NormSetEntity> {
    const manager = this.transactions.manager;
    return manager.save(manager.create(NormSetEntity, fields));
  }

  /** The versions whose re-evaluation is still owed. */
  normSetsNotReevaluated(): Promise<NormSetEntity[]> {
    return this.transactions.manager.getRepository(NormSetEntity).findBy({ reevaluatedAt: IsNull() });
  }

  async markReevaluated(normSetId: string, at: Date): Promise<void> {
    await this.transactions.manager.getRepository(NormSetEntity).update({ id: normSetId }, { reevaluatedAt: at });
  }

  /** The compliance history, newest first, of a placement or a company when given. */
  historyQuery(filter: { placementId?: string; companyId?: string }): SelectQueryBuilder<ComplianceEvaluationEntity> {
    const query = this.transactions.manager
      .getRepository(ComplianceEvaluationEntity)
      .createQueryBuilder('evaluation')
      .orderBy('evaluation.evaluatedAt', 'DESC')
      .addOrderBy('evaluation.id');
    if (filter.placementId) query.andWhere('evaluation.placementId = :placementId', { placementId: filter.placementId });
    if (filter.companyId) query.andWhere('evaluation.companyId = :companyId', { companyId: filter.companyId });
    return query;
  }
}

/** Every norm-set version by effective date, on the caller's manager (other modules judge with it). */
export function normSetsByEffectiveDate(manager: EntityManager): Promise<NormSetEntity[]> {
  return manager.find(NormSetEntity, { order: { effectiveFrom: 'ASC' } });
}

/** Appends evaluations to the compliance history, on the caller's manager (the demo seed runs outside Nest). */
export async function insertEvaluations(manager: EntityManager, rows: Partial<ComplianceEvaluationEntity>[]): Promise<void> {
  await manager.insert(ComplianceEvaluationEntity, rows);
}
