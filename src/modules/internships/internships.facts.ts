import { In, type EntityManager } from 'typeorm';
import type { Queryable } from '../../database/prepared-queries';
import { InternshipEntity, InternshipStatus } from './internship.entity';

/** Whether the student holds a seat (a planned or active internship) at the placement. */
export function holdsSeatAt(manager: EntityManager, placementId: string, studentId: string): Promise<boolean> {
  return manager.existsBy(InternshipEntity, { placementId, studentId, status: In([InternshipStatus.PLANNED, InternshipStatus.ACTIVE]) });
}

/** Schools with a planned or active internship at each company (or placement), as `{ id: company or placement, school_id }`. */
export function schoolsWithSeatAt(db: Queryable, by: 'company' | 'placement', ids: string[]): Promise<{ id: string; school_id: string }[]> {
  const column = by === 'company' ? 'company_id' : 'placement_id';
  return db.query(`SELECT DISTINCT ${column} AS id, school_id FROM internships WHERE ${column} = ANY($1::uuid[]) AND status IN ('PLANNED', 'ACTIVE')`, [ids]);
}
