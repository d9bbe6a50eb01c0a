import type { DataSource } from 'typeorm';

/** The national data set the benches share: bench:match (with its lists) and bench:api (without). */
const CREBOS = 20;

/**
 * Placements over 1,000 companies with a branch each all over the country, students of the demo
 * schools living all over the country, every list 20 placements of the student's own crebo:
 * some too far for her radius, so eligibility has work to do.
 */
export async function seedNationalData(dataSource: DataSource, students: number, placements: number, listLength: number): Promise<void> {
  await dataSource.transaction(async (manager) => {
    // Bench data only: skip the foreign-key triggers while 2 million list entries go in.
    await manager.query('SET LOCAL session_replication_role = replica');
    await manager.query(`
      INSERT INTO organizations (type, name, kvk_number, sector)
      SELECT 'COMPANY', 'Bench leerbedrijf ' || g, (50000000 + g)::text, (enum_range(NULL::sector))[1 + g % 8] FROM generate_series(1, 1000) g`);
    await manager.query(`
      WITH companies AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM organizations WHERE name LIKE 'Bench leerbedrijf %'),
           areas AS (SELECT pc4, place, row_number() OVER (ORDER BY pc4) AS n, count(*) OVER () AS total FROM postcodes)
      INSERT INTO branches (company_id, name, street, house_number, postcode, pc4, city)
      SELECT c.id, 'Vestiging', 'Bench', '1', a.pc4 || ' AA', a.pc4, a.place FROM companies c JOIN areas a ON a.n = 1 + (c.n * 7) % a.total`);
    await manager.query(
      `WITH branch_list AS (SELECT id, company_id, row_number() OVER (ORDER BY id) AS n FROM branches WHERE street = 'Bench')
       INSERT INTO placements (company_id, branch_id, title, description, crebos, level, leerweg, werkprocessen, start_date, end_date,
                               days_per_week, hours_per_week, capacity, stipend_monthly_cents, expense_allowance_cents, status, published_at, compliance_status)
       SELECT b.company_id, b.id, 'Bench stage ' || g, 'Bench', ARRAY[(25100 + g % ${CREBOS})::text], 1 + (g % ${CREBOS}) % 4, 'BOL',
              ARRAY['werkproces ' || (g % 5), 'werkproces ' || (g % 7)], DATE '2027-02-01' + (g % 30), DATE '2027-06-30',
              4, 32, 1 + g % 5, 40000, 5000, 'PUBLISHED', now(), 'COMPLIANT'
         FROM generate_series(1, $1) g JOIN branch_list b ON b.n = 1 + g % (SELECT count(*) FROM branches WHERE street = 'Bench')`,
      [placements],
    );
    await manager.query(
      `WITH schools AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM organizations WHERE type = 'SCHOOL'),
            areas AS (SELECT pc4, row_number() OVER (ORDER BY pc4) AS n FROM postcodes)
       INSERT INTO students (school_id, crebo, level, leerweg, cohort, learning_wish, werkprocessen, home_postcode, radius_km,
                             available_from, available_until, days_per_week, hours_per_week)
       SELECT sc.id, (25100 + g % ${CREBOS})::text, 1 + (g % ${CREBOS}) % 4, 'BOL', 2025, 'Ik wil leren in een bench stage',
              ARRAY['werkproces ' || (g % 5), 'werkproces ' || (g % 3)], a.pc4, 25 + (g % 8) * 25, '2027-01-15', '2027-07-31', 3 + g % 2, 32
         FROM generate_series(1, $1) g JOIN schools sc ON sc.n = 1 + g % 2 JOIN areas a ON a.n = 1 + (g * 13) % (SELECT count(*) FROM postcodes)`,
      [students],
    );
    await manager.query('ANALYZE placements, students'); // fresh statistics, or the planner joins 2M picks by crebo alone
    // Each list: ${listLength} distinct placements of her crebo (53 is coprime with the 1,000 per crebo).
    await manager.query(
      `WITH numbered_placements AS (SELECT id, crebos[1] AS crebo, row_number() OVER (PARTITION BY crebos[1] ORDER BY id) AS k
                                     FROM placements WHERE description = 'Bench'),
            per_crebo AS (SELECT crebo, count(*) AS placements FROM numbered_placements GROUP BY crebo),
            numbered_students AS (SELECT id, crebo, row_number() OVER (ORDER BY id) AS n FROM students),
            picks AS (SELECT s.id AS student_id, s.crebo, r AS rank, 1 + (s.n * 37 + r * 53) % c.placements AS k
                        FROM numbered_students s JOIN per_crebo c ON c.crebo = s.crebo CROSS JOIN generate_series(1, $1) r)
       INSERT INTO student_preferences (student_id, placement_id, rank)
       SELECT picks.student_id, p.id, picks.rank FROM picks JOIN numbered_placements p ON p.crebo = picks.crebo AND p.k = picks.k
        ORDER BY picks.student_id, picks.rank`,
      [listLength],
    );
    // The replica role skipped every trigger, also those that keep derived data: do their work once.
    await manager.query(`UPDATE placements SET search_document = placement_search_document(title, description, werkprocessen, company_id) WHERE search_document IS NULL`);
    await manager.query(`DELETE FROM school_student_counts`);
    await manager.query(`INSERT INTO school_student_counts (school_id, current) SELECT school_id, count(*) FROM students WHERE archived_at IS NULL GROUP BY school_id`);
  });
  await dataSource.query('ANALYZE');
}
