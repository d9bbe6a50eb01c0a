import type { Queryable } from '../../database/prepared-queries';

export interface StudentProgramme {
  id: string;
  school_id: string;
  crebo: string;
  level: number;
  leerweg: string;
}

/** A student's school and programme (no identity): students' answer for other modules. */
export function studentProgrammes(db: Queryable, ids: string[]): Promise<StudentProgramme[]> {
  return db.query<StudentProgramme>('SELECT id, school_id, crebo, level, leerweg FROM students WHERE id = ANY($1::uuid[])', [ids]);
}

/** Each student's school. */
export async function schoolsOfStudents(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; school_id: string }>('SELECT id, school_id FROM students WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
  return new Map(rows.map((row) => [row.id, row.school_id]));
}
