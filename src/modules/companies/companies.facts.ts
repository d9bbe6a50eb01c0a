import type { Queryable } from '../../database/prepared-queries';

/** Students with a running trainer assignment at each company (or placement), as `{ id: company or placement, student_id }`. */
export function studentsAssignedAt(db: Queryable, by: 'company' | 'placement', ids: string[]): Promise<{ id: string; student_id: string }[]> {
  const column = by === 'company' ? 'company_id' : 'placement_id';
  return db.query(`SELECT ${column} AS id, student_id FROM trainer_assignments WHERE ${column} = ANY($1::uuid[]) AND ended_at IS NULL`, [ids]);
}

/**
 * What other modules may read of companies' branches and trainers (issue #14): pure reads, one
 * statement each. Added by the matching/internships helper; merge with the companies helper's version.
 */

/** "Branch name, city" as a POK names the place of work (R8). */
export async function branchLabel(db: Queryable, branchId: string): Promise<string | null> {
  const [row] = await db.query<{ label: string }>(`SELECT name || ', ' || city AS label FROM branches WHERE id = $1`, [branchId]);
  return row?.label ?? null;
}

export async function trainerName(db: Queryable, trainerId: string): Promise<string | null> {
  const [row] = await db.query<{ name: string }>('SELECT name FROM trainers WHERE id = $1', [trainerId]);
  return row?.name ?? null;
}

/** The students a company's trainers have ever been assigned to. */
export async function studentsWithTrainerAt(db: Queryable, companyId: string): Promise<string[]> {
  const rows = await db.query<{ student_id: string }>('SELECT DISTINCT student_id FROM trainer_assignments WHERE company_id = $1', [companyId]);
  return rows.map((row) => row.student_id);
}
