import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/environment';
import { typeormOptions } from '../database/typeorm-options';
import { EvaluationTrigger } from '../modules/compliance/compliance-status';
import { reevaluateBatch } from '../modules/compliance/placement-compliance';
import { percentile, startBenchApi } from './bench-api';
import { freshBenchDatabase } from './bench-database';

/**
 * Placements across 1,000 companies (2 branches each, all over the country), 20 crebos, mostly
 * BOL, stipends around the floor, some branches missing an accreditation, and trainer
 * assignments: enough variety that every part of the overview has work to do.
 */
async function seed(dataSource: DataSource, placements: number): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`
      INSERT INTO organizations (type, name, kvk_number, sector)
      SELECT 'COMPANY', 'Bench leerbedrijf ' || g, (50000000 + g)::text, (enum_range(NULL::sector))[1 + g % 8]
        FROM generate_series(1, 1000) g`);
    await manager.query(`
      WITH companies AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM organizations WHERE name LIKE 'Bench leerbedrijf %'),
           areas AS (SELECT pc4, place, row_number() OVER (ORDER BY pc4) AS n, count(*) OVER () AS total FROM postcodes)
      INSERT INTO branches (company_id, name, street, house_number, postcode, pc4, city)
      SELECT c.id, 'Vestiging ' || b, 'Bench', '1', a.pc4 || ' AA', a.pc4, a.place
        FROM companies c CROSS JOIN generate_series(1, 2) b
        JOIN areas a ON a.n = 1 + (c.n * 7 + b * 1913) % a.total`);
    await manager.query(`
      INSERT INTO trainers (company_id, name, qualification_level, years_of_experience, course_completed_on, refresher_completed_on, sector_training_completed_on)
      SELECT o.id, 'Opleider ' || t, 3 + t % 2, 1 + t, '2024-01-01', '2025-10-01', '2025-06-01'
        FROM organizations o CROSS JOIN generate_series(1, 4) t WHERE o.name LIKE 'Bench leerbedrijf %'`);
    // The bench's 20 crebos in the qualification register (as SBB's file would have them), valid throughout: no R4 finding.
    await manager.query(`
      INSERT INTO qualification_dossiers (crebo, name, sector, levels, leerwegen, valid_from)
      SELECT (25100 + c * 10)::text, 'Bench kwalificatie ' || c, 'HANDEL', '{1,2,3,4}', '{BOL,BBL}', '2020-08-01' FROM generate_series(0, 19) c`);
    // One branch in ten misses an accreditation for its crebo: R1 findings.
    await manager.query(`
      INSERT INTO accreditations (branch_id, company_id, crebo, granted_on, last_reviewed_on)
      SELECT b.id, b.company_id, (25100 + c * 10)::text, '2023-09-01', '2023-09-01'
        FROM branches b CROSS JOIN generate_series(0, 19) c
        JOIN organizations o ON o.id = b.company_id AND o.name LIKE 'Bench leerbedrijf %'
       WHERE (hashtext(b.id::text || c) % 10) <> 0`);
    await manager.query(
      `WITH branch_list AS (SELECT b.id, b.company_id, row_number() OVER (ORDER BY b.id) AS n, count(*) OVER () AS total
                             FROM branches b JOIN organizations o ON o.id = b.company_id AND o.name LIKE 'Bench leerbedrijf %'),
            trainer_list AS (SELECT id, company_id, row_number() OVER (PARTITION BY company_id ORDER BY id) AS n FROM trainers)
       INSERT INTO placements (company_id, branch_id, trainer_id, title, description, crebos, level, leerweg, start_date, end_date,
                               days_per_week, hours_per_week, capacity, stipend_monthly_cents, expense_allowance_cents, status, published_at, closed_at)
       SELECT b.company_id, b.id, CASE WHEN g % 20 = 0 THEN NULL ELSE t.id END, 'Bench stage ' || g, 'Bench',
              ARRAY[(25100 + (g % 20) * 10)::text], 1 + g % 4, CASE WHEN g % 5 = 0 THEN 'BBL' ELSE 'BOL' END::leerweg,
              DATE '2026-02-01' + (g % 730), DATE '2026-02-01' + (g % 730) + 150,
              4, (16 + (g % 7) * 4), 1 + g % 3,
              CASE WHEN g % 25 = 0 THEN 0 ELSE 20000 + (hashtext(g::text) & 65535) % 40000 END, CASE WHEN g % 30 = 0 THEN 0 ELSE 5000 END,
              CASE WHEN g % 20 = 1 THEN 'DRAFT' WHEN g % 10 = 2 THEN 'CLOSED' ELSE 'PUBLISHED' END::placement_status,
              now(), CASE WHEN g % 10 = 2 THEN now() END
         FROM generate_series(1, $1) g
         JOIN branch_list b ON b.n = 1 + g % b.total
         JOIN trainer_list t ON t.company_id = b.company_id AND t.n = 1 + g % 4`,
      [placements],
    );
    // Trainer assignments running today, 0–4 students per trainer, on the trainer's own placements.
    await manager.query(`
      WITH student_list AS (SELECT id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total FROM students),
           picks AS (SELECT p.id, p.trainer_id, p.company_id, row_number() OVER (PARTITION BY p.trainer_id ORDER BY p.id) AS k
                       FROM placements p JOIN organizations o ON o.id = p.company_id AND o.name LIKE 'Bench leerbedrijf %'
                      WHERE p.trainer_id IS NOT NULL AND p.status = 'PUBLISHED')
      INSERT INTO trainer_assignments (trainer_id, placement_id, student_id, company_id, start_date, end_date)
      SELECT p.trainer_id, p.id, s.id, p.company_id, CURRENT_DATE - 30, CURRENT_DATE + 120
        FROM picks p JOIN student_list s ON s.n = 1 + (hashtext(p.id::text) & 65535) % s.total
       WHERE p.k <= (hashtext(p.trainer_id::text) & 65535) % 5`);
  });
  await dataSource.query('ANALYZE');
}

const FILTERS: [string, Record<string, unknown> | undefined][] = [
  ['everything', undefined],
  ['sector', { sector: 'ZORG_WELZIJN_SPORT' }],
  ['crebo', { crebo: '25150' }],
  ['region', { region: 'Utrecht' }],
  ['period', { from: '2027-01-01', to: '2027-06-30' }],
  ['company', undefined],
  ['all filters', { sector: 'HANDEL', region: 'Noord-Holland', from: '2026-06-01', to: '2027-12-31' }],
];

const OVERVIEW = `query($filter: ComplianceOverviewFilter) { complianceOverview(filter: $filter) {
  placements byStatus { status placements } mostViolatedRules { rule placements }
  stipends { placements medianMonthlyCents medianFullTimeCents shareBelowFloor shareWithoutStipend } trainerLoad { students trainers } } }`;

/**
 * `npm run bench:compliance [-- PLACEMENTS ROUNDS]`: seeds PLACEMENTS placements (default 100,000),
 * evaluates them all with the rule engine, then times `complianceOverview` over HTTP for several
 * filters, ROUNDS times each (default 20) after a warm-up. Budget: under 500 ms.
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const rounds = Number(process.argv[3] ?? 20);
  const env = loadEnvironment();
  const databaseUrl = await freshBenchDatabase(env.DATABASE_URL, 'stagematch_bench_compliance');

  const dataSource = await new DataSource(typeormOptions(databaseUrl)).initialize();
  let started = performance.now();
  await seed(dataSource, count);
  console.log(`bench:compliance — ${count} placements seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  let afterId: string | null = null;
  do {
    afterId = (await dataSource.transaction((manager) => reevaluateBatch(manager, {}, EvaluationTrigger.NORM_SET, afterId))).lastId;
  } while (afterId);
  const seconds = (performance.now() - started) / 1000;
  const [{ live }] = await dataSource.query<{ live: number }[]>(`SELECT count(*)::int AS live FROM placements WHERE status <> 'CLOSED'`);
  console.log(`  rule engine       ${live} live placements evaluated and stored in ${seconds.toFixed(1)} s (${Math.round(live / seconds)} placements/s)`);
  const [{ company }] = await dataSource.query<{ company: string }[]>(
    `SELECT company_id AS company FROM placements GROUP BY company_id ORDER BY count(*) DESC LIMIT 1`,
  );
  await dataSource.query('ANALYZE');
  await dataSource.destroy();

  const api = await startBenchApi(databaseUrl, 'sbbAuditor');

  console.log(`  complianceOverview over HTTP as SBB, ${rounds} rounds per filter after one warm-up (budget < 500 ms):`);
  const all: number[] = [];
  for (const [name, given] of FILTERS) {
    const filter = name === 'company' ? { companyId: company } : given;
    const { complianceOverview: first } = await api.post(OVERVIEW, { filter });
    const times: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const start = performance.now();
      await api.post(OVERVIEW, { filter });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    const top = first.mostViolatedRules.slice(0, 3).map((r: { rule: string; placements: number }) => `${r.rule}:${r.placements}`).join(' ');
    console.log(
      `    ${name.padEnd(12)} ${String(first.placements).padStart(6)} placements  p50 ${percentile(times, 50).toFixed(0).padStart(4)} ms  p95 ${percentile(times, 95).toFixed(0).padStart(4)} ms  max ${times.at(-1)!.toFixed(0).padStart(4)} ms   top rules ${top}`,
    );
  }
  all.sort((a, b) => a - b);
  const p95 = percentile(all, 95);
  console.log(`  overall           p50 ${percentile(all, 50).toFixed(0)} ms  p95 ${p95.toFixed(0)} ms  max ${all.at(-1)!.toFixed(0)} ms — ${p95 < 500 ? 'within' : 'OVER'} the 500 ms budget`);
  await api.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
