import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { runMigrations } from '../database/database-bootstrap';
import { seedDemo } from '../database/seed/demo-seed';
import { typeormOptions } from '../database/typeorm-options';

/** A fresh, migrated and seeded database for one benchmark, next to the one DATABASE_URL names. */
export async function freshBenchDatabase(baseUrl: string, name: string): Promise<string> {
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  const dataSource = await new DataSource(typeormOptions(url.toString())).initialize();
  await seedDemo(dataSource);
  await dataSource.destroy();
  return url.toString();
}
