import 'reflect-metadata';
import { loadEnvironment } from '../config/environment';
import { prepareDatabase } from './database-bootstrap';

/** The one-off migration step of a deploy (the compose `migrate` service). */
prepareDatabase(loadEnvironment()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
