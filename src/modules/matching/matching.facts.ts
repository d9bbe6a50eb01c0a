import type { Queryable } from '../../database/prepared-queries';

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
