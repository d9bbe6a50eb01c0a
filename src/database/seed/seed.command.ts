import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../../config/environment';
import { ensureDatabaseExists, runMigrations } from '../database-bootstrap';
import { typeormOptions } from '../typeorm-options';
import { seedDemo } from './demo-seed';

/** `npm run seed`: migrate, then load the demo data set once (running it again changes nothing). */
async function seed(): Promise<void> {
  const env = loadEnvironment();
  await ensureDatabaseExists(env.DATABASE_URL);
  await runMigrations(env.DATABASE_URL);
  const dataSource = await new DataSource(typeormOptions(env.DATABASE_URL)).initialize();
  try {
    console.log((await seedDemo(dataSource)) ? 'Demo data loaded.' : 'Demo data already present; nothing changed.');
  } finally {
    await dataSource.destroy();
  }
}

seed().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
