import { join } from 'node:path';

export const REPOSITORY = join(__dirname, '..', '..');

/** Where tests compile the app for running it as a process: inside the repository (so `node_modules` resolves), one per `npm test` run. */
export function appBuildDir(): string {
  return join(REPOSITORY, 'dist', `e2e-${process.env.STAGEMATCH_TEST_RUN ?? 'adhoc'}`);
}
