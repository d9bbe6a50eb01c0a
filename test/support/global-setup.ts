import { randomBytes } from 'node:crypto';

/**
 * Once per run: an id that names this run's databases (test workers inherit the variable). The
 * first test file builds the run's template database; the global teardown drops them all.
 */
export default function globalSetup(): void {
  process.env.STAGEMATCH_TEST_RUN ??= randomBytes(4).toString('hex');
}
