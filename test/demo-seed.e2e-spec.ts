import { DataSource } from 'typeorm';
import { ensureDatabaseExists, runMigrations } from '../src/database/database-bootstrap';
import { DEMO_WRITTEN_FOR, seedDemo } from '../src/database/seed/demo-seed';
import { typeormOptions } from '../src/database/typeorm-options';
import { clockAt, dropDatabase, unusedDatabaseUrl } from './support/databases';

/** The demo data is dated relative to the clock (issue #14 §6): loaded later, it is as fresh as when written. */
describe('the demo data, loaded on a later day', () => {
  const url = unusedDatabaseUrl();
  let db: DataSource;

  beforeAll(async () => {
    await ensureDatabaseExists(url);
    await runMigrations(url);
    db = await new DataSource(typeormOptions(url)).initialize();
    await seedDemo(db, clockAt('2028-03-15T10:00:00Z'));
  });
  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(url);
  });

  it('moves every date on by the whole years since it was written', async () => {
    expect(DEMO_WRITTEN_FOR).toBe('2026-12-01');
    const starts = await db.query(`SELECT DISTINCT start_date::text AS start, end_date::text AS "end" FROM placements ORDER BY 1`);
    expect(starts).toEqual([
      { start: '2028-02-01', end: '2028-06-30' },
      { start: '2028-09-01', end: '2029-01-31' },
    ]);
    const [students] = await db.query(
      `SELECT min(available_from)::text AS first, min(cohort) AS cohort, min(extract(year FROM i.date_of_birth))::int AS born
         FROM students s JOIN student_identities i ON i.student_id = s.id`,
    );
    expect(students).toEqual({ first: '2028-02-01', cohort: 2026, born: 2007 });
  });

  it('has one self-found internship, confirmed and planned, with its POK and its praktijkopleider counting her (issue #16)', async () => {
    const rows = await db.query(
      `SELECT i.status, i.placement_id, i.start_date::text AS start, r.status AS registration, k.version, k.status AS pok,
              (SELECT count(*)::int FROM trainer_assignments a WHERE a.internship_id = i.id AND a.ended_at IS NULL) AS assignments
         FROM internships i JOIN internship_registrations r ON r.id = i.registration_id JOIN poks k ON k.internship_id = i.id`,
    );
    expect(rows).toEqual([{ status: 'PLANNED', placement_id: null, start: '2028-02-01', registration: 'CONFIRMED', version: 1, pok: 'PENDING', assignments: 1 }]);
    expect(await db.query('SELECT count(*)::int AS n FROM internships WHERE proposal_id IS NOT NULL')).toEqual([{ n: 0 }]);
  });

  it('has two student accounts of ROC Utrecht (issue #17): one 17 on the start of her internship, whose POK needs her guardian, and one adult', async () => {
    const rows = await db.query(
      `SELECT u.email, u.role, u.name = i.full_name AS named, u.email = i.email AS addressed, o.name AS school,
              date_part('year', age(coalesce(n.start_date, s.available_from), i.date_of_birth))::int AS age, k.guardian_required AS guardian
         FROM users u JOIN students s ON s.id = u.student_id JOIN student_identities i ON i.student_id = s.id JOIN organizations o ON o.id = u.organization_id
         LEFT JOIN internships n ON n.student_id = s.id LEFT JOIN poks k ON k.internship_id = n.id
        WHERE u.student_id IS NOT NULL ORDER BY u.email`,
    );
    expect(rows).toEqual([
      { email: 'daan.vermeulen@roc-utrecht.demo', role: 'STUDENT', named: true, addressed: true, school: 'ROC Utrecht (demo)', age: 21, guardian: null },
      { email: 'noor.haddad@roc-utrecht.demo', role: 'STUDENT', named: true, addressed: true, school: 'ROC Utrecht (demo)', age: 17, guardian: true },
    ]);
  });

  it('still complies with every Stagepact rule on that day: trainers, accreditations and terms moved with it', async () => {
    const statuses = await db.query(`SELECT compliance_status AS status, count(*)::int AS n FROM placements GROUP BY 1`);
    expect(statuses).toEqual([{ status: 'COMPLIANT', n: expect.any(Number) }]);
  });
});
