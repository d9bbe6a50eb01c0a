import type { DataSource } from 'typeorm';
import type { Queryable } from '../../database/prepared-queries';
import type { Leerweg } from '../../common/qualification';
import type { ComplianceStatus } from '../compliance/compliance-status';
import type { PlacementStatus } from '../placements/placement.entity';
import type { BlindProfile, PlacementWork } from './blind-priority';
import type { EligibilityPlacement, EligibilityStudent } from './eligibility';

/** What matching knows of a placement: its work, its constraints and its free seats. */
export type PlacementFacts = EligibilityPlacement & PlacementWork & { id: string; companyId: string };

/** What matching knows of a student: her objective profile (R20), never her identity. */
export type StudentFacts = EligibilityStudent & BlindProfile & { id: string; schoolId: string; rematchPriority: boolean };

/**
 * Matching's read model: the views `matching_placements` and `matching_students` (migration
 * 1795478000000), which matching declares and owns, over placements, branches, postcodes and
 * students; `internship_seats` is internships' "a seat is taken". Nothing here names another
 * module's table.
 */
const PLACEMENT_COLUMNS = `p.id, p.company_id AS "companyId", p.crebos, p.level, p.leerweg, p.start_date::text AS "startDate", p.end_date::text AS "endDate",
  p.days_per_week AS "daysPerWeek", p.hours_per_week AS "hoursPerWeek", p.status, p.compliance_status AS "complianceStatus",
  p.werkprocessen, p.title, p.lat, p.lon, p.free_seats AS "freeSeats"`;

const STUDENT_COLUMNS = `s.id, s.school_id AS "schoolId", s.crebo, s.level, s.leerweg, s.werkprocessen, s.learning_wish AS "learningWish",
  s.available_from::text AS "availableFrom", s.available_until::text AS "availableUntil", s.days_per_week AS "daysPerWeek",
  s.hours_per_week AS "hoursPerWeek", s.radius_km AS "radiusKm", s.rematch_priority AS "rematchPriority", s.lat, s.lon`;

interface PlacementRow {
  id: string;
  companyId: string;
  crebos: string[];
  level: number;
  leerweg: Leerweg;
  startDate: string;
  endDate: string;
  daysPerWeek: number;
  hoursPerWeek: number;
  status: PlacementStatus;
  complianceStatus: ComplianceStatus;
  werkprocessen: string[];
  title: string;
  lat: number;
  lon: number;
  freeSeats: string;
}

/** Placements with their branch's coordinates and free seats, by a WHERE clause (and ORDER BY) over `p` (matching_placements). */
export async function loadPlacementFacts(db: Queryable, where: string, params: unknown[]): Promise<PlacementFacts[]> {
  const rows = await db.query<PlacementRow>(`SELECT ${PLACEMENT_COLUMNS} FROM matching_placements p WHERE ${where}`, params);
  return rows.map((row) => ({ ...row, freeSeats: Number(row.freeSeats) }));
}

/** An active student's profile, when she is the school's. */
export async function loadStudentFacts(db: Queryable, studentId: string, schoolId: string): Promise<StudentFacts | null> {
  const [student] = await db.query<StudentFacts>(
    `SELECT ${STUDENT_COLUMNS} FROM matching_students s WHERE s.id = $1 AND s.school_id = $2 AND s.archived_at IS NULL`,
    [studentId, schoolId],
  );
  return student ?? null;
}

/** A row of `forEachRoundStudentBatch`: her facts, her list as placement indexes (-1: outside the round) and the ids outside it. */
export type RoundStudentRow = StudentFacts & { prefs: number[]; outsideRound: string[] | null };

/**
 * A round's students, in id order: those with a list that names a placement of the round (by a
 * WHERE clause over `p`), who hold no seat and await no proposal, each list as indexes into the
 * round's placements in id order (-1: outside the round) and the ids outside it. They arrive in
 * batches through a cursor on a connection of their own, the next batch on its way while `onBatch`
 * works on this one: a national round's half million rows are never all in memory at once.
 */
export async function forEachRoundStudentBatch(
  dataSource: DataSource,
  inRound: string,
  params: unknown[],
  batchSize: number,
  onBatch: (rows: RoundStudentRow[]) => Promise<void> | void,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    // The whole result is read: plan for all of it, not for the first rows (a cursor's default).
    await runner.query('SET LOCAL cursor_tuple_fraction = 1');
    await runner.query(`DECLARE round_students NO SCROLL CURSOR FOR ${roundStudentsSql(inRound)}`, params);
    const fetch = () => runner.query(`FETCH ${batchSize} FROM round_students`) as Promise<RoundStudentRow[]>;
    let pending = fetch();
    for (;;) {
      const rows = await pending;
      if (rows.length === 0) break;
      pending = fetch();
      await onBatch(rows);
    }
    await runner.commitTransaction();
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
}

const roundStudentsSql = (inRound: string) => `
     WITH round_placements AS (
            SELECT p.id, row_number() OVER (ORDER BY p.id) - 1 AS index FROM matching_placements p WHERE ${inRound}),
          lists AS (
            SELECT sp.student_id, array_agg(coalesce(rp.index, -1) ORDER BY sp.rank)::int[] AS prefs,
                   array_agg(sp.placement_id::text ORDER BY sp.rank) FILTER (WHERE rp.id IS NULL) AS outside_round
              FROM student_preferences sp LEFT JOIN round_placements rp ON rp.id = sp.placement_id
             GROUP BY sp.student_id
            HAVING bool_or(rp.id IS NOT NULL))
     SELECT ${STUDENT_COLUMNS}, l.prefs, l.outside_round AS "outsideRound"
       FROM lists l JOIN matching_students s ON s.id = l.student_id
      WHERE s.archived_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM internship_seats i WHERE i.student_id = s.id AND i.holds_seat)
        -- An accepted proposal whose internship was terminated no longer holds her back: she is rematched.
        AND NOT EXISTS (SELECT 1 FROM proposals o WHERE o.student_id = s.id AND (o.status = 'OPEN' OR (o.status = 'ACCEPTED'
              AND NOT EXISTS (SELECT 1 FROM internship_seats t WHERE t.proposal_id = o.id AND t.status = 'TERMINATED'))))
      ORDER BY s.id`;
