import { type TestApp } from './test-app';

/**
 * Gives students an OPEN proposal at a placement straight in the database (one completed round),
 * for tests that need a company to reach many students at once (assignTrainer takes only students
 * proposed or placed there, R20) without running a round per student.
 */
export async function arrangeOpenProposals(t: TestApp, placementId: string, studentIds: string[]): Promise<void> {
  const [{ id: roundId }] = await t.dataSource.query(
    `INSERT INTO match_rounds (period_from, period_to, lottery_seed, status) VALUES ('2027-01-01', '2027-12-31', md5(random()::text), 'COMPLETED') RETURNING id`,
  );
  await t.dataSource.query(
    `INSERT INTO proposals (round_id, student_id, placement_id, company_id, school_id, pseudonym, rank, priority, expires_at)
     SELECT $1, s.id, p.id, p.company_id, s.school_id, 'Kandidaat ' || upper(substr(md5(random()::text), 1, 10)), 1, 0, now() + interval '7 days'
       FROM students s, placements p WHERE s.id = ANY($2::uuid[]) AND p.id = $3`,
    [roundId, studentIds, placementId],
  );
}
