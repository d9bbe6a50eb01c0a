import { dropRunDatabases } from './databases';

/** Drops the template and test databases of this run. */
export default async function globalTeardown(): Promise<void> {
  await dropRunDatabases();
}
