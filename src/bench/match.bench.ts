import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { loadEnvironment } from '../config/environment';
import { typeormOptions } from '../database/typeorm-options';
import { MatchRoundEntity } from '../modules/matching/match-round.entity';
import { runMatchRound } from '../modules/matching/match-round.runner';
import { newLotterySeed } from '../modules/matching/lottery';
import { freshBenchDatabase } from './bench-database';

const CREBOS = 20;
const BENCH_DATABASE = 'stagematch_bench_match';

const benchUrl = (baseUrl: string, database: string) => Object.assign(new URL(baseUrl), { pathname: `/${database}` }).toString();

/**
 * Placements over 1,000 companies with a branch each all over the country, students of the demo
 * schools living all over the country, every list 20 placements of the student's own crebo:
 * some too far for her radius, so eligibility has work to do.
 */
async function seed(dataSource: DataSource, students: number, placements: number, listLength: number): Promise<void> {
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
      `WITH branch_list AS (SELECT id, company_id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total FROM branches WHERE street = 'Bench')
       INSERT INTO placements (company_id, branch_id, title, description, crebos, level, leerweg, werkprocessen, start_date, end_date,
                               days_per_week, hours_per_week, capacity, stipend_monthly_cents, expense_allowance_cents, status, published_at, compliance_status)
       SELECT b.company_id, b.id, 'Bench stage ' || g, 'Bench', ARRAY[(25100 + g % ${CREBOS})::text], 1 + (g % ${CREBOS}) % 4, 'BOL',
              ARRAY['werkproces ' || (g % 5), 'werkproces ' || (g % 7)], DATE '2027-02-01' + (g % 30), DATE '2027-06-30',
              4, 32, 1 + g % 5, 40000, 5000, 'PUBLISHED', now(), 'COMPLIANT'
         FROM generate_series(1, $1) g JOIN branch_list b ON b.n = 1 + g % b.total`,
      [placements],
    );
    await manager.query(
      `WITH schools AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM organizations WHERE type = 'SCHOOL'),
            areas AS (SELECT pc4, row_number() OVER (ORDER BY pc4) AS n, count(*) OVER () AS total FROM postcodes)
       INSERT INTO students (school_id, crebo, level, leerweg, cohort, learning_wish, werkprocessen, home_postcode, radius_km,
                             available_from, available_until, days_per_week, hours_per_week)
       SELECT sc.id, (25100 + g % ${CREBOS})::text, 1 + (g % ${CREBOS}) % 4, 'BOL', 2025, 'Ik wil leren in een bench stage',
              ARRAY['werkproces ' || (g % 5), 'werkproces ' || (g % 3)], a.pc4, 25 + (g % 8) * 25, '2027-01-15', '2027-07-31', 3 + g % 2, 32
         FROM generate_series(1, $1) g JOIN schools sc ON sc.n = 1 + g % 2 JOIN areas a ON a.n = 1 + (g * 13) % a.total`,
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
  });
  await dataSource.query('ANALYZE');
}

/** `--students N --placements N --list N` (or the three as positional numbers, the older form). */
function sizes(args: string[]): { students: number; placements: number; listLength: number } {
  const named = new Map<string, number>();
  const positional: number[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i].startsWith('--')) named.set(args[i].slice(2), Number(args[++i]));
    else positional.push(Number(args[i]));
  }
  const size = (name: string, position: number, fallback: number) => {
    const value = named.get(name) ?? positional[position] ?? fallback;
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer, got ${value}`);
    return value;
  };
  return { students: size('students', 0, 100_000), placements: size('placements', 1, 20_000), listLength: size('list', 2, 20) };
}

/** The default size's budget (matching.md, issue #20) and the national round five times larger's. */
const budgetOf = (students: number) => (students > 100_000 ? { seconds: 60, mib: 2048 } : { seconds: 10, mib: 1024 });

/**
 * `npm run bench:match [-- --students N --placements N --list N]`: seeds (default) 100,000 students and
 * 20,000 placements with lists of 20 into a fresh database (one per size), runs one whole round in
 * this process (Postgres to persisted proposals) and prints each phase, the total, the peak memory
 * and a hash of the assignment. Budget: 10 s and 1 GiB; above 100,000 students (the national round
 * five times larger, `npm run bench:match-national-5x`) 60 s and 2 GiB. BENCH_REUSE=1 runs again on
 * the database seeded last time for that size; BENCH_LOTTERY_SEED fixes the round's seed (64 hex
 * digits), so two runs, or two versions of the code, can be compared by their assignment hash.
 */
async function main(): Promise<void> {
  const { students, placements, listLength } = sizes(process.argv.slice(2));
  const env = loadEnvironment();
  const reuse = process.env.BENCH_REUSE === '1';
  const database = students === 100_000 && placements === 20_000 && listLength === 20 ? BENCH_DATABASE : `${BENCH_DATABASE}_${students}_${placements}_${listLength}`;
  const databaseUrl = reuse ? benchUrl(env.DATABASE_URL, database) : await freshBenchDatabase(env.DATABASE_URL, database);
  const dataSource = await new DataSource(typeormOptions(databaseUrl)).initialize();
  let started = performance.now();
  if (reuse) {
    await dataSource.query('DELETE FROM match_rounds');
    console.log(`bench:match — reusing the seeded database ${database} (BENCH_REUSE=1); earlier rounds deleted`);
  } else {
    await seed(dataSource, students, placements, listLength);
    console.log(`bench:match — ${students} students, ${placements} placements, lists of ${listLength}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const lotterySeed = process.env.BENCH_LOTTERY_SEED ?? newLotterySeed();
  const round = await dataSource.getRepository(MatchRoundEntity).save({ periodFrom: '2027-01-01', periodTo: '2027-12-31', lotterySeed });
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  started = performance.now();
  const clock = new Clock();
  const result = await runMatchRound(
    dataSource,
    round.id,
    { offerExpiryDays: 7, leaseSeconds: 60 },
    {
      now: () => clock.now(),
      today: () => clock.today(),
      transaction: (work) => dataSource.transaction(work),
      // What StudentsService.setRematchPriority runs, without the app around it.
      clearRematchPriority: (ids) => dataSource.query('UPDATE students SET rematch_priority = false WHERE rematch_priority AND id = ANY($1::uuid[]) RETURNING id', [ids]),
    },
  );
  const total = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  const budget = budgetOf(students);
  const [{ assignment, explanations }] = await dataSource.query<{ assignment: string; explanations: string }[]>(
    `SELECT (SELECT md5(string_agg(student_id || ':' || placement_id || ':' || rank || ':' || priority, ',' ORDER BY student_id)) FROM proposals WHERE round_id = $1) AS assignment,
            (SELECT md5(string_agg(concat_ws(':', student_id, placement_id, rank, ranks, outcomes, placements, priorities, outside_round), ',' ORDER BY student_id))
               FROM match_explanations WHERE round_id = $1) AS explanations`,
    [round.id],
  );
  console.log(`  round ${result.status}: ${result.students} students, ${result.placements} placements, ${result.proposals} proposals, ${result.unmatched} unmatched`);
  console.log(`  phases (s)   ${Object.entries(result.timings).map(([phase, seconds]) => `${phase} ${seconds.toFixed(2)}`).join('  ')}`);
  console.log(`  total        ${total.toFixed(2)} s (budget ${budget.seconds} s) — ${total < budget.seconds ? 'within' : 'OVER'}`);
  console.log(
    `  peak RSS     ${(peak / 2 ** 20).toFixed(0)} MiB (${(baseline / 2 ** 20).toFixed(0)} MiB before the round; budget ${budget.mib} MiB) — ${peak < budget.mib * 2 ** 20 ? 'within' : 'OVER'}`,
  );
  console.log(`  result md5   assignment ${assignment}, explanations ${explanations}${process.env.BENCH_LOTTERY_SEED ? '' : ' (random seed: set BENCH_LOTTERY_SEED to compare runs)'}`);
  await dataSource.destroy();
  process.exit(result.status === 'COMPLETED' ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
