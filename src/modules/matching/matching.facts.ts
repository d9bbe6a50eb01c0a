import type { Queryable } from '../../database/prepared-queries';
import { studentsAssignedAt } from '../companies/companies.facts';
import { schoolsWithSeatAt } from '../internships/internships.facts';
import { schoolsOfStudents } from '../students/students.facts';

/** What other modules may read of matching: pure reads, one statement each. */

/** Whether the student has an open proposal at the placement. */
export async function hasOpenProposal(db: Queryable, placementId: string, studentId: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM proposals WHERE placement_id = $1 AND student_id = $2 AND status = 'OPEN' LIMIT 1`, [placementId, studentId]);
  return rows.length > 0;
}

/** The open proposals at the placements (R2: whom a suspension strands). */
export function openProposalsAt(db: Queryable, placementIds: string[]): Promise<{ studentId: string; schoolId: string; placementId: string }[]> {
  return db.query(
    `SELECT student_id AS "studentId", school_id AS "schoolId", placement_id AS "placementId" FROM proposals WHERE placement_id = ANY($1::uuid[]) AND status = 'OPEN'`,
    [placementIds],
  );
}

/** Whether the school ever had a proposal from the company for one of its students. */
export async function schoolHadProposalFrom(db: Queryable, schoolId: string, companyId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM proposals WHERE school_id = $1 AND company_id = $2 LIMIT 1', [schoolId, companyId]);
  return rows.length > 0;
}

/**
 * The one definition of "schools linked to a company (or placement)": schools with a student
 * proposed there (an open or accepted proposal), placed there (a planned or active internship) or
 * guided there (a running trainer assignment). Composed from each owner's facts.
 */
export async function schoolsLinkedTo(db: Queryable, by: 'company' | 'placement', ids: string[]): Promise<Map<string, string[]>> {
  const column = by === 'company' ? 'company_id' : 'placement_id';
  const [proposed, placed, assigned] = await Promise.all([
    db.query<{ id: string; school_id: string }>(`SELECT DISTINCT ${column} AS id, school_id FROM proposals WHERE ${column} = ANY($1::uuid[]) AND status IN ('OPEN', 'ACCEPTED')`, [ids]),
    schoolsWithSeatAt(db, by, ids),
    studentsAssignedAt(db, by, ids),
  ]);
  const schoolOf = await schoolsOfStudents(db, assigned.map((row) => row.student_id));
  const guided = assigned.flatMap((row) => (schoolOf.has(row.student_id) ? [{ id: row.id, school_id: schoolOf.get(row.student_id)! }] : []));
  const schools = new Map<string, Set<string>>();
  for (const row of [...proposed, ...placed, ...guided]) schools.set(row.id, (schools.get(row.id) ?? new Set()).add(row.school_id));
  return new Map([...schools].map(([id, set]) => [id, [...set]]));
}
