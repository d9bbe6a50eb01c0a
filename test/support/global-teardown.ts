import { rmSync } from 'node:fs';
import { appBuildDir } from './build-dir';
import { dropRunDatabases } from './databases';

/** Drops the template and test databases of this run, and the app compiled for process tests. */
export default async function globalTeardown(): Promise<void> {
  await dropRunDatabases();
  rmSync(appBuildDir(), { recursive: true, force: true });
}
