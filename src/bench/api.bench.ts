import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/environment';
import { DEMO_PASSWORD, DEMO_USERS } from '../database/seed/demo-data';
import { typeormOptions } from '../database/typeorm-options';
import { freshBenchDatabase } from './bench-database';
import { seedNationalData } from './national-data';
import { type SteadyResult, steadyLoad } from './steady-load';

/** autocannon 8 ships no types; the part of its API the bench uses. */
interface LoadResult {
  latency: { p50: number; p99: number };
  requests: { average: number; total: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  connections: number;
  duration: number;
}) => Promise<LoadResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const BENCH_DATABASE = 'stagematch_bench_api';
const RATES = [100, 200, 400];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Unthrottled: a few connections keep the one API process busy without queueing much in front of it. */
const MAX_CONNECTIONS = 8;

/** The children die with the bench, also when it fails. */
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

const SEARCH = `query Search($near: NearInput!) {
  placements(first: 10, filter: { near: $near, leerweg: BOL }) {
    totalCount edges { cursor node { id title startDate distanceKm company { name } branch { city pc4 } } }
  }
}`;

interface Scenario {
  name: string;
  as: keyof typeof DEMO_USERS;
  query: string;
  variables?: Record<string, unknown>;
  /** The answer is the one a user would see: checked once before the load (a 200 may carry errors). */
  check: (data: any) => boolean;
}

const TEXT_SEARCH = `query TextSearch($filter: PlacementFilter!) {
  placements(first: 10, filter: $filter) {
    totalCount edges { cursor node { id title startDate distanceKm company { name } branch { city pc4 } } }
  }
}`;

const SCENARIOS: Scenario[] = [
  {
    name: 'placement search',
    as: 'schoolStaff',
    query: SEARCH,
    variables: { near: { postcode: '3511', radiusKm: 10 } },
    check: (data) => data.placements.edges.length === 10 && data.placements.edges[0].node.company.name,
  },
  {
    // Dutch full text (GIN index on the trigger-kept search_document) with near: "stage" stems to a
    // word of every national placement's title, so the ranking sees every one within 10 km.
    name: 'placement text search near',
    as: 'schoolStaff',
    query: TEXT_SEARCH,
    variables: { filter: { search: 'stage', near: { postcode: '3511', radiusKm: 10 } } },
    check: (data) => data.placements.edges.length === 10,
  },
  {
    // Nationwide, ranked best first: every national placement matches, so this is the ranking's worst case.
    name: 'placement text search nationwide',
    as: 'schoolStaff',
    query: TEXT_SEARCH,
    variables: { filter: { search: 'bench stage werkproces' } },
    check: (data) => data.placements.edges.length === 10,
  },
  { name: 'me', as: 'schoolStaff', query: '{ me { id name role organization { name type } } }', check: (data) => Boolean(data.me.id) },
  {
    name: "a school's students",
    as: 'schoolStaff',
    query: '{ students(first: 50) { totalCount edges { node { id crebo level leerweg availableFrom identity { fullName } } } } }',
    check: (data) => data.students.edges.length === 50 && Boolean(data.students.edges[0].node.identity.fullName),
  },
  {
    name: "a company's proposals",
    as: 'companyAdmin',
    query: '{ proposals(first: 20) { totalCount edges { node { id status rank expiresAt placement { title } candidate { pseudonym crebo level } } } } }',
    check: (data) => data.proposals.totalCount > 0,
  },
  {
    name: 'complianceOverview (SBB)',
    as: 'sbbAuditor',
    query: '{ complianceOverview { placements byStatus { status placements } mostViolatedRules { rule placements } } }',
    check: (data) => data.complianceOverview.placements > 0,
  },
  {
    name: 'notifications',
    as: 'companyAdmin',
    query: '{ notifications(first: 20) { totalCount edges { node { id title body createdAt readAt } } } }',
    check: (data) => data.notifications.edges.length === 20,
  },
];

const REFERENCE_ME = '{ me { id name } }';

/** The demo data, the national data set (20,000 placements, 100,000 students with their identities), and in-app notifications to list. */
async function seed(baseUrl: string): Promise<string> {
  const databaseUrl = await freshBenchDatabase(baseUrl, BENCH_DATABASE);
  const dataSource = await new DataSource(typeormOptions(databaseUrl)).initialize();
  await seedNationalData(dataSource, 100_000, 20_000, 0);
  await dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL session_replication_role = replica'); // no outbox rows behind them
    await manager.query(
      `INSERT INTO notifications (user_id, outbox_id, event_type, title, body, payload, created_at)
       SELECT u.id, g, 'PLACEMENT_PUBLISHED', 'Nieuwe stage ' || g, 'Er is een stage gepubliceerd', '{}', now() - g * interval '1 minute'
         FROM users u CROSS JOIN generate_series(1, 500) g WHERE u.email = $1`,
      [DEMO_USERS.companyAdmin.email],
    );
    // A completed round's open proposals of national students at the demo company's placements.
    await manager.query(
      `WITH round AS (INSERT INTO match_rounds (period_from, period_to, status, lottery_seed) VALUES ('2027-01-01', '2027-12-31', 'COMPLETED', 'bench') RETURNING id),
            offered AS (SELECT p.id, p.company_id, row_number() OVER (ORDER BY p.id) AS n, count(*) OVER () AS total
                          FROM placements p JOIN users u ON u.organization_id = p.company_id WHERE u.email = $1),
            candidates AS (SELECT id, school_id, row_number() OVER (ORDER BY id) AS n FROM students LIMIT 200)
       INSERT INTO proposals (round_id, student_id, placement_id, company_id, school_id, pseudonym, rank, priority, expires_at)
       SELECT round.id, c.id, o.id, o.company_id, c.school_id, 'K-' || c.n, 1, c.n, now() + interval '7 days'
         FROM candidates c JOIN offered o ON o.n = 1 + c.n % o.total CROSS JOIN round`,
      [DEMO_USERS.companyAdmin.email],
    );
    await manager.query(
      `INSERT INTO student_identities (student_id, full_name, date_of_birth, email)
       SELECT s.id, 'Student ' || left(s.id::text, 8), DATE '2007-01-01', left(s.id::text, 8) || '@bench.example'
         FROM students s WHERE NOT EXISTS (SELECT FROM student_identities i WHERE i.student_id = s.id)`,
    );
  });
  await dataSource.query('ANALYZE');
  await dataSource.destroy();
  return databaseUrl;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (body.errors) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The API as production runs it: its own process (APP_ROLE=api, NODE_ENV=production, generated secrets). */
interface Server {
  child: ChildProcess;
  url: string;
}

/** The runtime flags `npm start` and the Docker image run the API with; the reference gets them too. */
const NODE_FLAGS = ['--max-semi-space-size=64'];

async function startApi(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const execArgv = [...NODE_FLAGS, ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])];
  const child = fork(join(__dirname, '..', 'main.js'), [], { env: { ...env, APP_ROLE: 'api', PORT: String(port) }, execArgv, stdio: 'inherit' });
  children.add(child);
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let tries = 0; ; tries += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/live`)).ok) return { child, url };
    } catch {
      if (tries > 600 || child.exitCode !== null) throw new Error('the API did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startReference(env: NodeJS.ProcessEnv): Promise<Server> {
  const child = fork(join(__dirname, 'api-reference.server.js'), [], { env, execArgv: NODE_FLAGS, stdio: 'inherit' });
  children.add(child);
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port: number }));
    child.once('exit', () => reject(new Error('the reference server did not start')));
  });
  return { child, url: `http://127.0.0.1:${port}/graphql` };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  children.delete(child);
}

interface Row {
  name: string;
  rates: Array<{ rate: number } & SteadyResult>;
  max: number;
  maxP99: number;
  /** CPU the server process spent per request at its most: comparable between runs on a busy machine, where rates are not. */
  cpuMsPerRequest: number;
  /** The same for PostgreSQL's processes on this machine (NaN when it runs elsewhere). */
  postgresCpuMsPerRequest: number;
}

/** CPU time a process has used so far, in ms (Linux: utime + stime of /proc/<pid>/stat, 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time of this machine's PostgreSQL processes so far, in ms; NaN when there are none (a server elsewhere). */
function postgresCpuMs(): number {
  let total = NaN;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total = (Number.isNaN(total) ? 0 : total) + cpuMs(Number(pid));
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

const requestOf = (url: string, token: string, query: string, variables: Record<string, unknown> = {}) => ({
  url,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query, variables }),
});

/** Unthrottled: as many requests as MAX_CONNECTIONS connections get answered. */
async function load(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<LoadResult> {
  const result = await autocannon({ ...requestOf(url, token, query, variables), method: 'POST', connections: MAX_CONNECTIONS, duration: SECONDS });
  if (result.errors || result.timeouts || result.non2xx) throw new Error(`${query.slice(0, 40)}…: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
  return result;
}

async function measure(server: Server, token: string, scenario: Pick<Scenario, 'name' | 'query' | 'variables'>, rates: number[]): Promise<Row> {
  const { url } = server;
  await load(url, token, scenario.query, scenario.variables); // warm-up: JIT, pools, prepared statements
  const row: Row = { name: scenario.name, rates: [], max: 0, maxP99: 0, cpuMsPerRequest: 0, postgresCpuMsPerRequest: NaN };
  for (const rate of rates) {
    const result = await steadyLoad({ ...requestOf(url, token, scenario.query, scenario.variables), rate, seconds: SECONDS });
    row.rates.push({ rate, ...result });
  }
  const [cpuBefore, postgresBefore] = [cpuMs(server.child.pid!), postgresCpuMs()];
  const max = await load(url, token, scenario.query, scenario.variables);
  Object.assign(row, {
    max: max.requests.average,
    maxP99: max.latency.p99,
    cpuMsPerRequest: (cpuMs(server.child.pid!) - cpuBefore) / max.requests.total,
    postgresCpuMsPerRequest: (postgresCpuMs() - postgresBefore) / max.requests.total,
  });
  return row;
}

type Step = Row['rates'][number];
/** The server kept up with the rate it was offered. */
const reached = ({ rate, served }: Step) => served >= rate * 0.95;
/** Issue #20: p99 ≤ 20 ms at a steady 200 requests/s, every request answered. */
const withinLatencyBudget = (step: Step) => step.p99 <= 20 && !step.failed && reached(step);

const pad = (text: string | number, width: number) => String(text).padStart(width);

function print(rows: Row[]): void {
  const header = RATES.map((rate) => `${pad(`@${rate}/s p50`, 11)} ${pad('p99', 5)}`).join('  ');
  console.log(`  ${'operation'.padEnd(26)} ${header}  ${pad('max req/s', 9)} ${pad('(p99)', 6)} ${pad('CPU ms/req', 11)} ${pad('PG CPU', 7)}`);
  for (const row of rows) {
    const cells = row.rates.map((step) => `${pad(`${step.failed ? '!' : ''}${reached(step) ? '' : '*'}${step.p50}`, 11)} ${pad(step.p99, 5)}`).join('  ');
    console.log(`  ${row.name.padEnd(26)} ${cells}  ${pad(row.max.toFixed(0), 9)} ${pad(`${row.maxP99}`, 6)} ${pad(row.cpuMsPerRequest.toFixed(2), 11)} ${pad(row.postgresCpuMsPerRequest.toFixed(2), 7)}`);
  }
  console.log("  latencies in ms; * the rate was not reached (served fewer requests/s than offered); ! some requests failed (below); CPU: the API process's and PostgreSQL's per request, at its most");
  for (const row of rows) {
    for (const { rate, failed, failure } of row.rates) if (failed) console.log(`  ! ${row.name} @${rate}/s: ${failed} of ${rate * SECONDS} failed, the first with ${failure}`);
  }
}

/**
 * `npm run bench:api`: the API in production mode (its own process, NODE_ENV=production with
 * secrets generated for the run) on a fresh database with the demo data and the national data set
 * (20,000 placements, 100,000 students). This process drives the load, so the load and the API never
 * share an event loop. For each main read of a role: p50 and p99 at a steady 100, 200 and 400
 * requests/s (steady-load.ts, open loop), the most it serves unthrottled (autocannon), and the CPU
 * the API and PostgreSQL spent per request. A reference server (bare Apollo + Express + one `pg`
 * query, the same token check; api-reference.server.ts) answers the placement search and `me` in
 * the same run, and the bench prints the ratios.
 * BENCH_REUSE=1 reuses the database seeded last time; BENCH_ONLY=me,search picks scenarios by name;
 * BENCH_SECONDS (default 5) per step; BENCH_PROFILE=<dir> writes the API's CPU profile there.
 */
async function main(): Promise<void> {
  const base = loadEnvironment();
  const started = performance.now();
  const reuse = process.env.BENCH_REUSE === '1';
  const databaseUrl = reuse ? Object.assign(new URL(base.DATABASE_URL), { pathname: `/${BENCH_DATABASE}` }).toString() : await seed(base.DATABASE_URL);
  console.log(`bench:api — ${reuse ? 'reusing the seeded database (BENCH_REUSE=1)' : `demo data + 20,000 placements, 100,000 students seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`}`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PROTECTED_ATTRIBUTES_KEY: randomBytes(32).toString('hex'),
    SSO_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    APP_URL: 'https://app.stagematch.example',
    QUEUE_PREFIX: `bench-${Date.now()}`,
    LOG_LEVEL: 'warn',
  };
  const api = await startApi(env, await freePort());
  const tokens = new Map<string, string>();
  for (const user of new Set(SCENARIOS.map((scenario) => scenario.as))) {
    const { login } = await graphql(api.url, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: DEMO_USERS[user].email,
      p: DEMO_PASSWORD,
    });
    tokens.set(user, login.token);
  }
  const only = process.env.BENCH_ONLY?.split(',');
  const scenarios = SCENARIOS.filter((scenario) => !only || only.some((word) => new RegExp(`\\b${word}\\b`, 'i').test(scenario.name)));
  for (const scenario of scenarios) {
    if (!scenario.check(await graphql(api.url, scenario.query, scenario.variables, tokens.get(scenario.as)))) throw new Error(`${scenario.name}: unexpected answer`);
  }
  console.log(`  API: one process (pid ${api.child.pid}, Node ${process.version}), NODE_ENV=production; load from this process (steady rates open loop, the most with autocannon), ${SECONDS} s per step`);
  const rows: Row[] = [];
  for (const scenario of scenarios) rows.push(await measure(api, tokens.get(scenario.as)!, scenario, RATES));
  await stop(api.child);

  const reference = await startReference(env);
  const searchToken = tokens.get('schoolStaff')!;
  const search = SCENARIOS[0];
  if (!search.check(await graphql(reference.url, search.query, search.variables, searchToken))) throw new Error('reference: unexpected answer');
  const referenceRows = [
    await measure(reference, searchToken, { ...search, name: 'reference: placement search' }, RATES),
    await measure(reference, searchToken, { name: 'reference: me', query: REFERENCE_ME }, []),
  ];
  await stop(reference.child);

  print(rows);
  console.log('  reference (bare Apollo 5 + Express 5 + one pg query, same token check; its own process):');
  for (const row of referenceRows) {
    console.log(`  ${row.name.padEnd(30)} ${row.rates.map(({ rate, p50, p99 }) => `@${rate}/s p50 ${p50} p99 ${p99}, `).join('')}max ${row.max.toFixed(0)} req/s (p99 ${row.maxP99}), CPU ${row.cpuMsPerRequest.toFixed(2)} ms/req (PostgreSQL ${row.postgresCpuMsPerRequest.toFixed(2)})`);
  }
  const searchRow = rows.find((row) => row.name === search.name);
  const meRow = rows.find((row) => row.name === 'me');
  if (searchRow) {
    const ratio = searchRow.max / referenceRows[0].max;
    console.log(`  placement search: ${ratio.toFixed(2)} of the reference's throughput (budget ≥ 0.50) — ${ratio >= 0.5 ? 'within' : 'OVER'}`);
    const at200 = searchRow.rates.find(({ rate }) => rate === 200)!;
    console.log(`  placement search p99 at 200/s: ${at200.p99} ms (budget ≤ 20 ms) — ${withinLatencyBudget(at200) ? 'within' : 'OVER'}`);
  }
  const students = rows.find((row) => row.name === "a school's students");
  if (students) {
    const at200 = students.rates.find(({ rate }) => rate === 200)!;
    console.log(`  a school's students p99 at 200/s: ${at200.p99} ms (budget ≤ 20 ms) — ${withinLatencyBudget(at200) ? 'within' : 'OVER'}`);
  }
  if (meRow) console.log(`  me: ${meRow.max.toFixed(0)} requests/s (budget ≥ 1,500) — ${meRow.max >= 1500 ? 'within' : 'OVER'}; the reference's me: ${referenceRows[1].max.toFixed(0)}`);
  console.log(`  total ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
