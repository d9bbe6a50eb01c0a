import type { EntityManager } from 'typeorm';
import type { Queryable } from '../../database/prepared-queries';

/**
 * What other modules may read of internships: pure reads, one statement each, over the
 * `internship_seats` view (seats.ts: "a seat is taken").
 */

/** Whether the student holds a seat (a planned or active internship) at the placement. */
export async function holdsSeatAt(db: Queryable, placementId: string, studentId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM internship_seats WHERE placement_id = $1 AND student_id = $2 AND holds_seat LIMIT 1', [placementId, studentId]);
  return rows.length > 0;
}

/** The seat-holding internships at the placements (R2: whom a suspension strands). */
export function seatHoldersAt(db: Queryable, placementIds: string[]): Promise<{ id: string; studentId: string; schoolId: string; placementId: string }[]> {
  return db.query(
    `SELECT id, student_id AS "studentId", school_id AS "schoolId", placement_id AS "placementId" FROM internship_seats
      WHERE placement_id = ANY($1::uuid[]) AND holds_seat`,
    [placementIds],
  );
}

/** Whether the school ever had an internship at the company. */
export async function schoolHadInternshipAt(db: Queryable, schoolId: string, companyId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM internship_seats WHERE school_id = $1 AND company_id = $2 LIMIT 1', [schoolId, companyId]);
  return rows.length > 0;
}

/** An internship of the school, or null. */
export async function internshipOfSchool(db: Queryable, internshipId: string, schoolId: string): Promise<{ id: string; studentId: string; placementId: string; companyId: string } | null> {
  const [row] = await db.query<{ id: string; studentId: string; placementId: string; companyId: string }>(
    `SELECT id, student_id AS "studentId", placement_id AS "placementId", company_id AS "companyId" FROM internship_seats WHERE id = $1 AND school_id = $2`,
    [internshipId, schoolId],
  );
  return row ?? null;
}

/**
 * The internships of a school's students at a company (agreements' fulfilment), matched and
 * self-found alike. A self-found one carries its own crebo and leerweg (its registration's); a
 * matched one has null there (its placement's leerweg and the student's crebo apply).
 */
export function internshipsBetween(
  db: Queryable,
  schoolId: string,
  companyId: string,
): Promise<{ studentId: string; placementId: string | null; crebo: string | null; leerweg: string | null; status: string; startDate: string; started: boolean }[]> {
  return db.query(
    `SELECT i.student_id AS "studentId", i.placement_id AS "placementId", r.crebo, r.leerweg::text AS leerweg, i.status, i.start_date::text AS "startDate", i.started_at IS NOT NULL AS started
       FROM internships i LEFT JOIN internship_registrations r ON r.id = i.registration_id WHERE i.school_id = $1 AND i.company_id = $2`,
    [schoolId, companyId],
  );
}

/** Schools with a planned or active internship at each company (or placement), as `{ id: company or placement, school_id }`. */
export function schoolsWithSeatAt(db: Queryable, by: 'company' | 'placement', ids: string[]): Promise<{ id: string; school_id: string }[]> {
  const column = by === 'company' ? 'company_id' : 'placement_id';
  return db.query(`SELECT DISTINCT ${column} AS id, school_id FROM internships WHERE ${column} = ANY($1::uuid[]) AND status IN ('PLANNED', 'ACTIVE')`, [ids]);
}

/**
 * R3 (asked by companies' accreditation lapse): the `branchId|crebo` keys of the pairs at which an
 * internship for that crebo started, or is planned to start, on or after `since`.
 */
export async function internshipsStartedSince(manager: EntityManager, pairs: { branchId: string; crebo: string }[], since: string): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const rows = await manager.query<{ branch_id: string; crebo: string }[]>(
    `SELECT DISTINCT branch_id, crebo FROM internship_programmes
      WHERE start_date >= $3::date AND (branch_id, crebo) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
    [pairs.map((pair) => pair.branchId), pairs.map((pair) => pair.crebo), since],
  );
  return new Set(rows.map((row) => `${row.branch_id}|${row.crebo}`));
}
