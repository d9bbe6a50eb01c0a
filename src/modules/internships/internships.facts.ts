import { In, type EntityManager } from 'typeorm';
import { InternshipEntity, InternshipStatus } from './internship.entity';

/** Whether the student holds a seat (a planned or active internship) at the placement. */
export function holdsSeatAt(manager: EntityManager, placementId: string, studentId: string): Promise<boolean> {
  return manager.existsBy(InternshipEntity, { placementId, studentId, status: In([InternshipStatus.PLANNED, InternshipStatus.ACTIVE]) });
}

/**
 * R3 (asked by companies' accreditation lapse): the `branchId|crebo` keys of the pairs at which an
 * internship for that crebo started, or is planned to start, on or after `since`.
 */
export async function internshipsStartedSince(manager: EntityManager, pairs: { branchId: string; crebo: string }[], since: string): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const rows = await manager.query<{ branch_id: string; crebo: string }[]>(
    `SELECT DISTINCT p.branch_id, s.crebo
       FROM internships i JOIN placements p ON p.id = i.placement_id JOIN students s ON s.id = i.student_id
      WHERE i.start_date >= $3::date AND (p.branch_id, s.crebo) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
    [pairs.map((pair) => pair.branchId), pairs.map((pair) => pair.crebo), since],
  );
  return new Set(rows.map((row) => `${row.branch_id}|${row.crebo}`));
}
