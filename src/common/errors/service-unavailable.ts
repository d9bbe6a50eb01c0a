import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { redisOutage } from '../redis';
import { OutageLog } from '../outage-log';
import { ErrorCode } from './domain-errors';

/** Seconds a client is told to wait before it tries again (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 5;

export const SERVICE_UNAVAILABLE_MESSAGE = 'The service is temporarily unavailable (its database cannot be reached); try again shortly';

/** Requests failing on an unreachable PostgreSQL: one warning every few seconds, not one per request. */
export const databaseOutage = new OutageLog('PostgreSQL');

/** Logs (throttled) the connection failure behind a request's error. */
export function reportUnavailable(error: unknown): void {
  if ((error as { name?: string }).name === 'MaxRetriesPerRequestError') redisOutage.failed(error);
  else databaseOutage.failed(error);
}

/**
 * The error of a request that failed because a backing service is unreachable. With `http`, it
 * carries its own HTTP status (for failures before execution, such as the context's sign-in
 * lookup); during execution the ServiceUnavailablePlugin sets the status.
 */
export function serviceUnavailableError(cause: unknown, options: { http?: boolean } = {}): GraphQLError {
  reportUnavailable(cause);
  const extensions: Record<string, unknown> = { code: ErrorCode.SERVICE_UNAVAILABLE };
  if (options.http) extensions.http = { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) };
  return new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, { extensions });
}
