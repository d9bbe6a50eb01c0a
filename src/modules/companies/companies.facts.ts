import type { Queryable } from '../../database/prepared-queries';

/** Students with a running trainer assignment at each company (or placement), as `{ id: company or placement, student_id }`. */
export function studentsAssignedAt(db: Queryable, by: 'company' | 'placement', ids: string[]): Promise<{ id: string; student_id: string }[]> {
  const column = by === 'company' ? 'company_id' : 'placement_id';
  return db.query(`SELECT ${column} AS id, student_id FROM trainer_assignments WHERE ${column} = ANY($1::uuid[]) AND ended_at IS NULL`, [ids]);
}
