import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The default of DATABASE_CONNECT_TIMEOUT_MS (see Environment). */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * The one TypeORM configuration, shared by the application, the CLI data source and the tests.
 * Schema changes only ever happen through migrations: `synchronize` stays off. Taking a pool
 * connection gives up after `connectTimeoutMs`, so a request never hangs on an unreachable or
 * exhausted database (it answers SERVICE_UNAVAILABLE).
 */
export function typeormOptions(databaseUrl: string, connectTimeoutMs = CONNECT_TIMEOUT_MS): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    connectTimeoutMS: connectTimeoutMs,
    extra: { max: 20 },
  };
}
