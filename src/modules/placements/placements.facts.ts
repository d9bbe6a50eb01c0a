import type { Queryable } from '../../database/prepared-queries';
import { type EntityManager, In } from 'typeorm';
import { PlacementEntity, type PlacementStatus } from './placement.entity';
import { Injectable } from '@nestjs/common';
import { PlacementsRepository } from './placements.repository';

export interface PlacementSummary {
  id: string;
  company_id: string;
  title: string;
}

/** A placement's company and title: placements' answer for other modules. */
export function placementSummaries(db: Queryable, ids: string[]): Promise<PlacementSummary[]> {
  return db.query<PlacementSummary>('SELECT id, company_id, title FROM placements WHERE id = ANY($1::uuid[])', [ids]);
}


/**
 * What other modules may read of placements (issue #14): pure reads, one statement each.
 * Added by the matching/internships helper; merge with the placements helper's version.
 */

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

/** What other modules may read about placements (in the ambient transaction). */
@Injectable()
export class PlacementsFacts {
  constructor(private readonly placements: PlacementsRepository) {}

  /** A placement's terms (company, branch, crebos, seats, status, period, trainer), or null. */
  placement(id: string): Promise<PlacementEntity | null> {
    return this.placements.findById(id);
  }

  /** A placement of the given company, or null (another company's placement is as unknown). */
  placementOfCompany(companyId: string, id: string): Promise<PlacementEntity | null> {
    return this.placements.findOfCompany(companyId, id);
  }

  /** R16: each placement's published siblings at its company (same crebo and hours). */
  publishedSiblings(ids: string[]): Promise<{ id: string; level: number; hoursPerWeek: number; stipendMonthlyCents: number }[]> {
    return this.placements.publishedSiblings(ids);
  }
}
