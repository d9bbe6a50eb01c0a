import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { runMigrations } from '../../src/database/database-bootstrap';
import { Clock } from '../../src/common/clock/clock';
import { DEMO_WRITTEN_FOR, seedDemo } from '../../src/database/seed/demo-seed';
import { typeormOptions } from '../../src/database/typeorm-options';

/** Tests use the local Postgres unless TEST_DATABASE_URL points elsewhere (any database on the server). */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** One id per `npm test` run (set by the global setup), so runs sharing a server never touch each other's databases. */
const RUN_PREFIX = `stagematch_test_${process.env.STAGEMATCH_TEST_RUN ?? 'adhoc'}_`;
export const TEMPLATE_DATABASE = `${RUN_PREFIX}template`;

export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops this run's template and test databases. */
export async function dropRunDatabases(): Promise<void> {
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [RUN_PREFIX]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

/** An arbitrary advisory-lock key under which the first test file builds the template. */
const TEMPLATE_LOCK = 74_2026_02;

/**
 * Builds the template database once per run: every migration applied (so they are exercised), no
 * demo data (tests build theirs with factories.ts; the PC4 postcodes come from a migration). The
 * first test file to get here builds it; the others wait on the lock.
 * (The jest global setup only drops old databases: loading the app there breaks @nestjs/graphql's
 * metadata for test files that later run in the same process.)
 */
async function ensureTemplate(client: Client): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE_DATABASE]);
    if (rowCount) return;
    const building = `${TEMPLATE_DATABASE}_building`;
    await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${building}"`);
    await runMigrations(databaseUrl(building));
    await client.query(`ALTER DATABASE "${building}" RENAME TO "${TEMPLATE_DATABASE}"`);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

/** A clock that stands still at `instant`. */
export function clockAt(instant: string): Clock {
  const clock = new Clock();
  clock.now = () => new Date(instant);
  return clock;
}

/** Loads the demo data into a test file's database, dated as written (the README examples' dates). */
export async function seedDemoInto(url: string): Promise<void> {
  const dataSource = await new DataSource(typeormOptions(url)).initialize();
  try {
    await seedDemo(dataSource, clockAt(`${DEMO_WRITTEN_FOR}T08:00:00Z`));
  } finally {
    await dataSource.destroy();
  }
}

/** A fresh database for one test file, cloned from the migrated template. */
export async function cloneTemplate(): Promise<string> {
  const name = `${RUN_PREFIX}${randomBytes(6).toString('hex')}`;
  await withAdminClient(async (client) => {
    await ensureTemplate(client);
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
        return;
      } catch (error) {
        // Two files cloning at the same instant: the template is briefly "being accessed".
        if ((error as { code?: string }).code !== '55006' || attempt > 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  return databaseUrl(name);
}

/** The URL of a database of this run that does not exist yet (for tests of a first start). */
export function unusedDatabaseUrl(): string {
  return databaseUrl(`${RUN_PREFIX}${randomBytes(6).toString('hex')}`);
}

export async function databaseExists(url: string): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  return withAdminClient(async (client) => Boolean((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount));
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
