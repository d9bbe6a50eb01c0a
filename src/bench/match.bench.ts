import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { loadEnvironment } from '../config/environment';
import { typeormOptions } from '../database/typeorm-options';
import { MatchRoundEntity } from '../modules/matching/match-round.entity';
import { runMatchRound } from '../modules/matching/match-round.runner';
import { newLotterySeed } from '../modules/matching/lottery';
import { freshBenchDatabase } from './bench-database';
import { seedNationalData } from './national-data';

const BENCH_DATABASE = 'stagematch_bench_match';

const benchUrl = (baseUrl: string, database: string) => Object.assign(new URL(baseUrl), { pathname: `/${database}` }).toString();

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
    await dataSource.query("DELETE FROM match_rounds; DELETE FROM outbox WHERE type = 'PROPOSAL_MADE'");
    // As after a fresh seed: without it, the dead rows and events of earlier runs made each run slower than the last.
    await dataSource.query('VACUUM FULL ANALYZE match_rounds, proposals, match_explanations, outbox');
    console.log(`bench:match — reusing the seeded database ${database} (BENCH_REUSE=1); earlier rounds deleted`);
  } else {
    await seedNationalData(dataSource, students, placements, listLength);
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
