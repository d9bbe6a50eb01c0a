import { QueryFailedError } from 'typeorm';

/** True when `error` is Postgres refusing a row because of the unique index or constraint `name`. */
export function isUniqueViolation(error: unknown, name: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  return code === '23505' && constraint === name;
}

/** PostgreSQL's "try the transaction again" codes: deadlock_detected and serialization_failure. */
const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40P01', '40001']);

/** True for a deadlock or serialization failure, as TypeORM (`driverError`) or pg itself reports it. */
export function isRetryableTransactionError(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}
