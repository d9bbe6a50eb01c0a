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

const benchUrl = (baseUrl: string) => Object.assign(new URL(baseUrl), { pathname: `/${BENCH_DATABASE}` }).toString();

/**
 * `npm run bench:match [-- STUDENTS PLACEMENTS LIST_LENGTH]`: seeds (default) 100,000 students and
 * 20,000 placements with lists of 20 into a fresh database, runs one whole round in this process
 * (Postgres to persisted proposals) and prints each phase, the total and the peak memory.
 * Budget: under 15 s and 1 GiB. BENCH_REUSE=1 runs again on the database seeded last time.
 */
async function main(): Promise<void> {
  const [students, placements, listLength] = [Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 20_000), Number(process.argv[4] ?? 20)];
  const env = loadEnvironment();
  const reuse = process.env.BENCH_REUSE === '1';
  const databaseUrl = reuse ? benchUrl(env.DATABASE_URL) : await freshBenchDatabase(env.DATABASE_URL, BENCH_DATABASE);
  const dataSource = await new DataSource(typeormOptions(databaseUrl)).initialize();
  let started = performance.now();
  if (reuse) {
    await dataSource.query('DELETE FROM match_rounds');
    console.log('bench:match — reusing the seeded database (BENCH_REUSE=1); earlier rounds deleted');
  } else {
    await seedNationalData(dataSource, students, placements, listLength);
    console.log(`bench:match — ${students} students, ${placements} placements, lists of ${listLength}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const round = await dataSource.getRepository(MatchRoundEntity).save({ periodFrom: '2027-01-01', periodTo: '2027-12-31', lotterySeed: newLotterySeed() });
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

  console.log(`  round ${result.status}: ${result.students} students, ${result.placements} placements, ${result.proposals} proposals, ${result.unmatched} unmatched`);
  console.log(`  phases (s)   ${Object.entries(result.timings).map(([phase, seconds]) => `${phase} ${seconds.toFixed(2)}`).join('  ')}`);
  console.log(`  total        ${total.toFixed(2)} s (budget 15 s) — ${total < 15 ? 'within' : 'OVER'}`);
  console.log(`  peak RSS     ${(peak / 2 ** 20).toFixed(0)} MiB (${(baseline / 2 ** 20).toFixed(0)} MiB before the round; budget 1,024 MiB) — ${peak < 2 ** 30 ? 'within' : 'OVER'}`);
  await dataSource.destroy();
  process.exit(result.status === 'COMPLETED' ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
