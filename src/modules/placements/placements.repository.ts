import { Injectable } from '@nestjs/common';
import { type DeepPartial, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { Queryable } from '../../database/prepared-queries';
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
 * lateral join reaches the few candidates through placements_published_siblings; the crebo overlap
 * is tested outside it (OFFSET 0) so that the planner does not AND in the crebos GIN index.
 */
export function publishedSiblings(manager: EntityManager, ids: string[]): Promise<PlacementSibling[]> {
  return manager.query(
    `WITH batch AS MATERIALIZED (SELECT id, company_id, crebos, hours_per_week FROM placements WHERE id = ANY($1))
     SELECT b.id, c.level, c.hours_per_week AS "hoursPerWeek", c.stipend_monthly_cents AS "stipendMonthlyCents"
       FROM batch b
      CROSS JOIN LATERAL (
            SELECT level, hours_per_week, stipend_monthly_cents, crebos FROM placements
             WHERE company_id = b.company_id AND status = 'PUBLISHED' AND hours_per_week = b.hours_per_week AND id <> b.id
            OFFSET 0) c
      WHERE c.crebos && b.crebos`,
    [ids],
  );
}

export interface PlacementSummary {
  id: string;
  company_id: string;
  title: string;
}

/** A placement's company and title: placements' answer for other modules. */
export function placementSummaries(db: Queryable, ids: string[]): Promise<PlacementSummary[]> {
  return db.query<PlacementSummary>('SELECT id, company_id, title FROM placements WHERE id = ANY($1::uuid[])', [ids]);
}


/** What a POK copies from its placement (R8). */
export interface PlacementPokTerms {
  companyId: string;
  branchId: string;
  trainerId: string | null;
  level: number;
  leerweg: string;
  startDate: string;
  endDate: string;
  hoursPerWeek: number;
  werkprocessen: string[];
  /** BOL: the stipend (R15); BBL: the wage (R14). Euro cents a month. */
  stipendMonthlyCents: number;
  expenseAllowanceCents: number;
}

export async function placementPokTerms(db: Queryable, placementId: string): Promise<PlacementPokTerms | null> {
  const [row] = await db.query<PlacementPokTerms>(
    `SELECT company_id AS "companyId", branch_id AS "branchId", trainer_id AS "trainerId", level, leerweg, start_date::text AS "startDate",
            end_date::text AS "endDate", hours_per_week AS "hoursPerWeek", werkprocessen,
            stipend_monthly_cents AS "stipendMonthlyCents", expense_allowance_cents AS "expenseAllowanceCents"
       FROM placements WHERE id = $1`,
    [placementId],
  );
  return row ?? null;
}

/** The placement's status when it belongs to the company; null when it does not exist there. */
export async function placementStatusAtCompany(db: Queryable, placementId: string, companyId: string): Promise<PlacementStatus | null> {
  const [row] = await db.query<{ status: PlacementStatus }>('SELECT status FROM placements WHERE id = $1 AND company_id = $2', [placementId, companyId]);
  return row?.status ?? null;
}

/** What taking a seat needs to know, read under the placement's row lock (the first lock of an acceptance: lock order, README). */
export interface PlacementForSeat {
  id: string;
  status: PlacementStatus;
  capacity: number;
  startDate: string;
  endDate: string;
}

export async function lockPlacementForSeat(db: Queryable, placementId: string): Promise<PlacementForSeat> {
  const [row] = await db.query<PlacementForSeat>(
    `SELECT id, status, capacity, start_date::text AS "startDate", end_date::text AS "endDate" FROM placements WHERE id = $1 FOR UPDATE`,
    [placementId],
  );
  if (!row) throw new Error(`Placement ${placementId} does not exist`);
  return row;
}

/** Leerweg per placement id. */
export async function leerwegenOf(db: Queryable, placementIds: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; leerweg: string }>('SELECT id, leerweg FROM placements WHERE id = ANY($1::uuid[])', [placementIds]);
  return new Map(rows.map((row) => [row.id, row.leerweg]));
}

/**
 * Places a company offered for one crebo and leerweg in a school year (1 August – 31 July): the
 * capacity of its placements that were ever published and start in that year.
 */
export async function offeredCapacity(db: Queryable, companyId: string, wanted: { schoolYear: number; crebo: string; leerweg: string }[]): Promise<number[]> {
  if (!wanted.length) return [];
  const rows = await db.query<{ n: number; offered: number }>(
    `SELECT w.n, coalesce((SELECT sum(p.capacity) FROM placements p
                            WHERE p.company_id = $1 AND p.published_at IS NOT NULL AND p.leerweg::text = w.leerweg AND p.crebos @> ARRAY[w.crebo]
                              AND p.start_date BETWEEN make_date(w.school_year, 8, 1) AND make_date(w.school_year + 1, 7, 31)), 0)::int AS offered
       FROM unnest($2::int[], $3::text[], $4::text[]) WITH ORDINALITY AS w(school_year, crebo, leerweg, n)`,
    [companyId, wanted.map((w) => w.schoolYear), wanted.map((w) => w.crebo), wanted.map((w) => w.leerweg)],
  );
  const offered = new Array<number>(wanted.length).fill(0);
  for (const row of rows) offered[Number(row.n) - 1] = row.offered;
  return offered;
}

/** Placements by id, as entities (for GraphQL fields that return a Placement). */
export function placementsById(manager: EntityManager, ids: readonly string[]): Promise<PlacementEntity[]> {
  return manager.findBy(PlacementEntity, { id: In([...ids]) });
}
