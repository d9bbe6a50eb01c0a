import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { checkOut } from './pool-client';

/**
 * Runs `work` while this process holds a session-level Postgres advisory lock, waiting for it as
 * long as another session holds it. The lock lives on a connection of its own, so `work` may use
 * any number of other connections and transactions; it is released when `work` ends, and by
 * Postgres when the process dies (its connection closes). A connection whose unlock failed is
 * closed rather than returned to the pool, so it can never keep the lock.
 */
export async function withAdvisoryLock<T>(dataSource: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const client = await checkOut((dataSource.driver as PostgresDriver).master as Pool);
  let broken: Error | undefined;
  const drop = (error: Error) => {
    broken = error;
    throw error;
  };
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]).catch(drop);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [key]).catch((error: Error) => (broken = error));
    }
  } finally {
    client.release(broken);
  }
}
