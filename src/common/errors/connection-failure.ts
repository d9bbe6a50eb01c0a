/** Socket-level codes: the server cannot be reached, or the connection to it broke. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * PostgreSQL refusing or dropping the session: admin_shutdown, crash_shutdown, cannot_connect_now
 * (starting up or shutting down) and too_many_connections. Class 08 (connection exception) is
 * matched by its prefix.
 */
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres and pg-pool messages for a dead or timed-out connection (they carry no code). */
const DRIVER_MESSAGES = [
  /^Connection terminated/, // unexpectedly, or "due to connection timeout"
  /^timeout exceeded when trying to connect/, // pg-pool: no free connection within connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable/,
];

/** The error wrapped inside: TypeORM's driverError, a GraphQL error's original, a cause, or each of an AggregateError. */
function innerErrors(error: Record<string, unknown>): unknown[] {
  const inner = [error.driverError, error.originalError, error.cause];
  if (Array.isArray(error.errors)) inner.push(...error.errors);
  return inner.filter((candidate) => candidate && candidate !== error);
}

/**
 * Whether an error means a backing service (PostgreSQL, Redis) is unreachable rather than that
 * the request was wrong: the client should retry later, and it answers SERVICE_UNAVAILABLE.
 */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const candidate = error as Record<string, unknown>;
  const code = typeof candidate.code === 'string' ? candidate.code : '';
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  if (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (candidate.name === 'MaxRetriesPerRequestError') return true; // ioredis gave up while Redis is down
  if (DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return true;
  return innerErrors(candidate).some((inner) => isConnectionFailure(inner, depth + 1));
}
