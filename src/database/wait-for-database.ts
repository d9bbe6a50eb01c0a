import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { isConnectionFailure } from '../common/errors/connection-failure';

const logger = new Logger('Database');

/** Pauses between attempts: 0.5 s, doubling up to 5 s. */
const FIRST_PAUSE_MS = 500;
const LONGEST_PAUSE_MS = 5000;

/** PostgreSQL "database does not exist": the server answers, so there is nothing to wait for. */
const INVALID_CATALOG_NAME = '3D000';

export class DatabaseUnreachableError extends Error {}

/** `host:port` of a postgres:// URL, without user or password: safe to log. */
export function postgresAddress(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || 5432}`;
}

/** Null when the server accepts a session; the connection failure otherwise (any other error is thrown). */
async function tryConnect(databaseUrl: string, timeoutMs: number): Promise<Error | null> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined); // a dropped connection fails the awaited call; see pool-client.ts
  try {
    await client.connect();
    return null;
  } catch (error) {
    if ((error as { code?: string }).code === INVALID_CATALOG_NAME) return null;
    if (isConnectionFailure(error)) return error as Error;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Every role calls this before it boots: PostgreSQL may start after us (compose, a restarted
 * server). Retries with backoff while the server cannot be reached, logging "waiting for
 * PostgreSQL at host:port", and gives up after `seconds` with a DatabaseUnreachableError. A
 * refused login or another error that waiting cannot cure is thrown at once.
 */
export async function waitForDatabase(databaseUrl: string, seconds: number, connectTimeoutMs: number): Promise<void> {
  const address = postgresAddress(databaseUrl);
  const deadline = Date.now() + seconds * 1000;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    const failure = await tryConnect(databaseUrl, Math.max(100, Math.min(connectTimeoutMs, deadline - Date.now())));
    if (!failure) return;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new DatabaseUnreachableError(
        `Gave up waiting for PostgreSQL at ${address} after ${seconds} s (DATABASE_WAIT_SECONDS): ${failure.message || String((failure as { code?: string }).code ?? failure.name)}`,
      );
    }
    logger.warn(`waiting for PostgreSQL at ${address}`);
    await sleep(Math.min(pause, left));
  }
}
