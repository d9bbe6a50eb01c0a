import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { seedDemoIfEmpty } from './seed/demo-seed';
import { typeormOptions } from './typeorm-options';

/** An arbitrary constant that identifies the migration lock among advisory locks. */
const MIGRATION_LOCK_KEY = 74_2026_01;

const logger = new Logger('Database');

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  admin.on('error', () => undefined); // a dropped connection fails the awaited query; see pool-client.ts
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // another process created it first
      });
      logger.log(`Created database ${name}`);
    }
  } finally {
    await admin.end();
  }
}

/**
 * Applies pending migrations while holding a Postgres advisory lock, so that several processes
 * starting at once migrate exactly once.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({ ...typeormOptions(databaseUrl), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) logger.log(`Applied migration ${migration.name}`);
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await dataSource.destroy();
  }
}

/** A deploy's database step: create the database if needed, migrate, and load the demo into an empty one when SEED_DEMO_ON_EMPTY. */
export async function prepareDatabase(env: Environment): Promise<void> {
  await ensureDatabaseExists(env.DATABASE_URL);
  await runMigrations(env.DATABASE_URL);
  if (env.SEED_DEMO_ON_EMPTY !== 'true') return;
  if (env.isProduction) logger.warn('SEED_DEMO_ON_EMPTY=true in production: an empty database gets the demo users, whose password is public');
  await seedDemoIfEmpty(env.DATABASE_URL);
}
