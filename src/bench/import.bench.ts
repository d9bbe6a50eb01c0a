import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { loadEnvironment } from '../config/environment';
import { DEMO_PASSWORD, DEMO_USERS, QUALIFICATIONS } from '../database/seed/demo-data';
import { typeormOptions } from '../database/typeorm-options';
import { STUDENT_COLUMNS } from '../modules/students/student-import';
import { freshBenchDatabase } from './bench-database';

const BUDGET_SECONDS = 15;

/** `count` student rows as a school's administration exports them (Dutch Excel CSV: BOM, `;`), over real PC4 areas and the demo register's crebos. */
function studentFile(count: number, postcodes: string[], learningWish = 'Ervaring opdoen in de praktijk, graag in een klein team'): Buffer {
  const qualifications = Object.values(QUALIFICATIONS);
  const lines = [STUDENT_COLUMNS.join(';')];
  for (let n = 0; n < count; n += 1) {
    const q = qualifications[n % qualifications.length];
    const row: Record<(typeof STUDENT_COLUMNS)[number], string> = {
      studentNumber: `B${String(100000 + n)}`,
      fullName: `Bench Leerling ${n}`,
      dateOfBirth: `${2006 + (n % 4)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
      email: `leerling${n}@bench.test`,
      phone: n % 3 ? '' : '06 1234 5678',
      crebo: q.crebo,
      level: String(q.level),
      leerweg: q.leerweg,
      cohort: '2025',
      learningWish,
      werkprocessen: n % 2 ? 'B1-K1-W1|B1-K1-W2' : 'B1-K1-W1',
      homePostcode: postcodes[n % postcodes.length],
      radiusKm: String(10 + (n % 30)),
      availableFrom: '2027-02-01',
      availableUntil: '2027-06-30',
      daysPerWeek: '4',
      hoursPerWeek: '32',
      accessibilityNeeds: '',
    };
    lines.push(STUDENT_COLUMNS.map((column) => row[column]).join(';'));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * `npm run bench:import [-- ROWS]`: a school imports ROWS students (default 10,000) through
 * POST /imports/students over HTTP, as its administration would: a dry run, the real run, and the
 * same file again (nothing changes), then a file changing every row. Each is timed; the budget is 15 s each.
 */
async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10_000);
  const env = loadEnvironment();
  const databaseUrl = await freshBenchDatabase(env.DATABASE_URL, 'stagematch_bench_import');
  const dataSource = await new DataSource(typeormOptions(databaseUrl)).initialize();
  const postcodes = (await dataSource.query<{ pc4: string }[]>('SELECT pc4 FROM postcodes ORDER BY pc4')).map((row) => row.pc4);

  Object.assign(process.env, { DATABASE_URL: databaseUrl, APP_ROLE: 'api', QUEUE_PREFIX: `bench-${Date.now()}`, LOG_LEVEL: 'warn', IMPORT_MAX_ROWS: String(Math.max(rows, 20_000)) });
  const app = await NestFactory.create(AppModule.forRole({ withWorker: false }), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const login = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: DEMO_USERS.schoolStaff.email, p: DEMO_PASSWORD } }),
  });
  const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;

  const file = studentFile(rows, postcodes);
  console.log(`bench:import — ${rows} student rows, ${(file.length / 1024 / 1024).toFixed(1)} MB CSV, POST /imports/students (budget < ${BUDGET_SECONDS} s each):`);
  const run = async (name: string, dryRun: boolean, upload = file) => {
    const form = new FormData();
    form.append('file', new Blob([upload], { type: 'text/csv' }), 'leerlingen.csv');
    const started = performance.now();
    const response = await fetch(`${base}/imports/students?dryRun=${dryRun}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const report = (await response.json()) as { rows: number; created: number; updated: number; unchanged: number; errors: unknown[]; warnings: unknown[] };
    const seconds = (performance.now() - started) / 1000;
    if (response.status !== 200 || report.errors.length) throw new Error(`${name}: HTTP ${response.status} ${JSON.stringify(report).slice(0, 500)}`);
    console.log(
      `  ${name.padEnd(10)} ${seconds.toFixed(2).padStart(6)} s  rows ${report.rows}  created ${report.created}  updated ${report.updated}  unchanged ${report.unchanged}  warnings ${report.warnings.length} — ${seconds < BUDGET_SECONDS ? 'within' : 'OVER'} budget`,
    );
    return seconds;
  };
  const before = await dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM students');
  await run('dry run', true);
  const afterDry = await dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM students');
  if (afterDry[0].n !== before[0].n) throw new Error('the dry run wrote students');
  await run('real run', false);
  await run('re-import', false);
  await run('update all', false, studentFile(rows, postcodes, 'Een nieuwe leerwens: de zorg in'));
  const [{ n }] = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM students WHERE student_number LIKE 'B%'`);
  console.log(`  ${n} imported students stored`);
  await dataSource.destroy();
  await app.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
