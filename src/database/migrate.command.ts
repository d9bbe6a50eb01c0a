import 'reflect-metadata';
import { loadEnvironment } from '../config/environment';
import { prepareDatabase } from './database-bootstrap';
import { waitForDatabase } from './wait-for-database';

/** The one-off migration step of a deploy (the compose `migrate` service). */
const env = loadEnvironment();
waitForDatabase(env.DATABASE_URL, env.DATABASE_WAIT_SECONDS, env.DATABASE_CONNECT_TIMEOUT_MS)
  .then(() => prepareDatabase(env))
  .then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
