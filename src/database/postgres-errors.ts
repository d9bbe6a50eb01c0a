import { QueryFailedError } from 'typeorm';

/** True when `error` is Postgres refusing a row because of the unique index or constraint `name`. */
export function isUniqueViolation(error: unknown, name: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  return code === '23505' && constraint === name;
}
