import 'reflect-metadata';
import { loadEnvironment } from '../config/environment';
import { ensureDatabaseExists, runMigrations } from './database-bootstrap';
import { seedDemoIfEmpty } from './seed/demo-seed';

/** The one-off migration step of a deploy (the compose `migrate` service). */
async function migrate(): Promise<void> {
  const env = loadEnvironment();
  await ensureDatabaseExists(env.DATABASE_URL);
  await runMigrations(env.DATABASE_URL);
  if (env.SEED_DEMO_ON_EMPTY === 'true') await seedDemoIfEmpty(env.DATABASE_URL);
}

migrate().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
