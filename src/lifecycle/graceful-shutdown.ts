import { type INestApplicationContext, Logger } from '@nestjs/common';
import type { Server, ServerResponse } from 'node:http';

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
const logger = new Logger('Shutdown');

/**
 * The HTTP side of a shutdown: stop accepting connections, let every request already received
 * finish, and close each connection once it has nothing left to answer (responses from then on
 * say `Connection: close`, so keep-alive clients do not send another request on it).
 */
class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: Server) {
    // Before Express: a request that arrives on an open keep-alive connection during the drain
    // is answered, and then its connection closes.
    server.prependListener('request', (_request, response: ServerResponse) => {
      this.inFlight.add(response);
      if (this.draining) response.setHeader('Connection', 'close');
      response.once('close', () => {
        this.inFlight.delete(response);
        // A streamed response sent keep-alive before the drain leaves its connection idle.
        if (this.draining) setImmediate(() => this.server.closeIdleConnections());
      });
    });
  }

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /** Resolves once every connection is closed. */
  drain(): Promise<void> {
    this.draining = true;
    for (const response of this.inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    return closed;
  }

  cutOff(): void {
    this.server.closeAllConnections();
  }
}

/** True when `work` settles before `ms`, false when the time ran out first. */
async function finishesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * On SIGTERM or SIGINT: the API stops accepting connections and answers every request in flight
 * (idle keep-alive connections are closed at once), then the application closes (BullMQ workers
 * finish their jobs, then the queues, Redis and the database pool) and the process exits 0. What
 * still runs after `graceSeconds` is cut off and the process exits 1; a job cut off that way is
 * picked up again by a worker once its lock expires.
 *
 * Used instead of Nest's enableShutdownHooks, which drains HTTP only through Apollo's stop (its
 * own 10-second cut-off, keep-alive responses to the end) and exits by re-raising the signal, so
 * the exit code is 143 rather than 0.
 */
export function shutDownGracefullyOnSignals(
  app: INestApplicationContext,
  options: { graceSeconds: number; httpServer?: Server },
): void {
  const http = options.httpServer ? new HttpDrain(options.httpServer) : undefined;
  let started = false;

  const shutDown = async (signal: NodeJS.Signals): Promise<void> => {
    if (started) return;
    started = true;
    const deadline = Date.now() + options.graceSeconds * 1000;
    const inFlight = http ? `, ${http.requestsInFlight} requests in flight` : '';
    const draining = http?.drain() ?? Promise.resolve(); // no new connections from here on
    logger.log(`${signal}: shutting down (up to ${options.graceSeconds} s${inFlight})`);
    try {
      const drained = await finishesWithin(draining, deadline - Date.now());
      if (!drained) {
        logger.warn(`${http?.requestsInFlight} requests still running after ${options.graceSeconds} s: closing their connections`);
        http?.cutOff();
      }
      const closed = await finishesWithin(app.close(), Math.max(deadline - Date.now(), 1000));
      if (!drained || !closed) {
        logger.error(`Not everything finished within ${options.graceSeconds} s (SHUTDOWN_GRACE_SECONDS); exiting`);
        process.exit(1);
      }
      logger.log('Shut down cleanly');
      process.exit(0);
    } catch (error) {
      logger.error(`Shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    }
  };

  for (const signal of SIGNALS) process.on(signal, (received: NodeJS.Signals) => void shutDown(received));
}
