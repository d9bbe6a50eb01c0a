import type { Queryable } from '../../database/prepared-queries';
import { studentsAssignedAt } from '../companies/companies.facts';
import { schoolsWithSeatAt } from '../internships/internships.facts';
import { schoolsOfStudents } from '../students/students.facts';
import type { EntityManager } from 'typeorm';
import { ProposalEntity, ProposalStatus } from './proposal.entity';

/** Whether the student has an open proposal at the placement: matching's answer for other modules. */
export function hasOpenProposal(manager: EntityManager, placementId: string, studentId: string): Promise<boolean> {
  return manager.existsBy(ProposalEntity, { placementId, studentId, status: ProposalStatus.OPEN });
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
