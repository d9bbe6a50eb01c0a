import { Injectable } from '@nestjs/common';
import { type DeepPartial, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { Transactions } from '../../database/transactions';
import type { ComplianceStatus, Finding } from './placement-compliance';
import { PlacementEntity, PlacementStatus } from './placement.entity';

/** The placements the compliance engine keeps judging: everything not closed. */
export const LIVE_STATUSES = [PlacementStatus.DRAFT, PlacementStatus.PUBLISHED, PlacementStatus.SUSPENDED];

/** Which live placements a re-evaluation covers. */
export interface ReevaluationScope {
  branchId?: string;
  /** Placements starting on or after this date (those a new norm-set version governs). */
  startingFrom?: string;
}

/** The only place the `placements` table is named; joins the ambient transaction. */
@Injectable()
export class PlacementsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager() {
    return this.transactions.manager;
  }

  create(fields: DeepPartial<PlacementEntity>): PlacementEntity {
    return this.manager.create(PlacementEntity, fields);
  }

  merge(placement: PlacementEntity, change: DeepPartial<PlacementEntity>): PlacementEntity {
    return this.manager.merge(PlacementEntity, placement, change);
  }

  save(placement: PlacementEntity): Promise<PlacementEntity> {
    return this.manager.save(placement);
  }

  /** The company's placements by their references (a bulk import's upsert key). */
  async byReferences(companyId: string, references: string[]): Promise<Map<string, PlacementEntity>> {
    if (!references.length) return new Map();
    const found = await this.manager.findBy(PlacementEntity, { companyId, reference: In(references) });
    return new Map(found.map((placement) => [placement.reference!, placement]));
  }

  findById(id: string): Promise<PlacementEntity | null> {
    return this.manager.findOneBy(PlacementEntity, { id });
  }

  findOfCompany(companyId: string, id: string): Promise<PlacementEntity | null> {
    return this.manager.findOneBy(PlacementEntity, { id, companyId });
  }

  /** Row-locked for the rest of the transaction. */
  lockOfCompany(companyId: string, id: string): Promise<PlacementEntity | null> {
    return this.manager.findOne(PlacementEntity, { where: { id, companyId }, lock: { mode: 'pessimistic_write' } });
  }

  query(alias = 'placement'): SelectQueryBuilder<PlacementEntity> {
    return this.manager.getRepository(PlacementEntity).createQueryBuilder(alias);
  }

  lockLiveBatch(scope: ReevaluationScope, afterId: string | null, batchSize: number): Promise<PlacementEntity[]> {
    return lockLiveBatch(this.manager, scope, afterId, batchSize);
  }

  writeCompliance(placements: PlacementEntity[]): Promise<void> {
    return writeCompliance(this.manager, placements);
  }

  publishedSiblings(ids: string[]): Promise<PlacementSibling[]> {
    return publishedSiblings(this.manager, ids);
  }

  /** Published or suspended placements whose end date is before `today`, closed; their ids. */
  async closeEndedBefore(today: string): Promise<string[]> {
    const { raw } = await this.manager
      .createQueryBuilder()
      .update(PlacementEntity)
      .set({ status: PlacementStatus.CLOSED, closedAt: () => 'now()' })
      .where('status IN (:...open) AND end_date < :today', { open: [PlacementStatus.PUBLISHED, PlacementStatus.SUSPENDED], today })
      .returning('id')
      .execute();
    return (raw as { id: string }[]).map(({ id }) => id);
  }
}

/** R16: a published sibling of a placement at its company (same crebo and hours). */
export interface PlacementSibling {
  id: string;
  level: number;
  hoursPerWeek: number;
  stipendMonthlyCents: number;
}

/** A verdict the compliance engine reached on a placement, for placements to apply. */
export interface PlacementVerdict {
  placement: PlacementEntity;
  verdict: ComplianceStatus;
  findings: Finding[];
  normSetId: string;
  normSetVersion: number;
}

/** Live placements in scope after `afterId` in id order, row-locked. */
export function lockLiveBatch(manager: EntityManager, scope: ReevaluationScope, afterId: string | null, batchSize: number): Promise<PlacementEntity[]> {
  const query = manager
    .createQueryBuilder(PlacementEntity, 'placement')
    .where('placement.status IN (:...live)', { live: LIVE_STATUSES })
    .orderBy('placement.id')
    .limit(batchSize)
    .setLock('pessimistic_write');
  if (afterId) query.andWhere('placement.id > :afterId', { afterId });
  if (scope.branchId) query.andWhere('placement.branchId = :branchId', { branchId: scope.branchId });
  if (scope.startingFrom) query.andWhere('placement.startDate >= :startingFrom', { startingFrom: scope.startingFrom });
  return query.getMany();
}

/** Writes the status and compliance columns of many placements in one statement. */
export async function writeCompliance(manager: EntityManager, placements: PlacementEntity[]): Promise<void> {
  await manager.query(
    `UPDATE placements p
        SET status = v.status::placement_status, suspended_at = v.suspended_at, compliance_status = v.compliance_status::compliance_status,
            compliance_findings = v.findings, compliance_rules = v.rules::text[], norm_set_version = v.version, evaluated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::jsonb[], $6::text[], $7::int[])
            AS v(id, status, suspended_at, compliance_status, findings, rules, version)
      WHERE p.id = v.id`,
    [
      placements.map((p) => p.id),
      placements.map((p) => p.status),
      placements.map((p) => p.suspendedAt),
      placements.map((p) => p.complianceStatus),
      placements.map((p) => JSON.stringify(p.complianceFindings)),
      placements.map((p) => `{${p.complianceRules.join(',')}}`),
      placements.map((p) => p.normSetVersion),
    ],
  );
}

/**
 * R16: for each placement, the company's published placements for the same crebo and hours. The
 * materialised candidates keep the planner from probing the crebos GIN index once per placement.
 */
export function publishedSiblings(manager: EntityManager, ids: string[]): Promise<PlacementSibling[]> {
  return manager.query(
    `WITH batch AS MATERIALIZED (SELECT id, company_id, crebos, hours_per_week FROM placements WHERE id = ANY($1)),
          candidates AS MATERIALIZED (
            SELECT id, company_id, crebos, level, hours_per_week, stipend_monthly_cents FROM placements
             WHERE status = 'PUBLISHED' AND company_id IN (SELECT company_id FROM batch))
     SELECT b.id, c.level, c.hours_per_week AS "hoursPerWeek", c.stipend_monthly_cents AS "stipendMonthlyCents"
       FROM batch b JOIN candidates c ON c.company_id = b.company_id AND c.id <> b.id AND c.crebos && b.crebos AND c.hours_per_week = b.hours_per_week`,
    [ids],
  );
}
