import type { Queryable } from '../../database/prepared-queries';
import { studentsAssignedAt } from '../companies/companies.facts';
import { schoolsWithSeatAt } from '../internships/internships.facts';
import { schoolsOfStudents } from '../students/students.facts';
import { schoolsProposedAt } from './matching.repository';

/** What other modules may read of matching: pure reads, one statement each (their SQL in `matching.repository.ts`). */
export { hasOpenProposal, openProposalsAt, schoolHadProposalFrom } from './matching.repository';

/**
 * The one definition of "schools linked to a company (or placement)": schools with a student
 * proposed there (an open or accepted proposal), placed there (a planned or active internship) or
 * guided there (a running trainer assignment). Composed from each owner's facts.
 */
export async function schoolsLinkedTo(db: Queryable, by: 'company' | 'placement', ids: string[]): Promise<Map<string, string[]>> {
  const [proposed, placed, assigned] = await Promise.all([schoolsProposedAt(db, by, ids), schoolsWithSeatAt(db, by, ids), studentsAssignedAt(db, by, ids)]);
  const schoolOf = await schoolsOfStudents(db, assigned.map((row) => row.student_id));
  const guided = assigned.flatMap((row) => (schoolOf.has(row.student_id) ? [{ id: row.id, school_id: schoolOf.get(row.student_id)! }] : []));
  const schools = new Map<string, Set<string>>();
  for (const row of [...proposed, ...placed, ...guided]) schools.set(row.id, (schools.get(row.id) ?? new Set()).add(row.school_id));
  return new Map([...schools].map(([id, set]) => [id, [...set]]));
}
