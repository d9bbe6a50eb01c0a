import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AppRole, InvalidEnvironmentError, loadEnvironment } from './config/environment';
import { prepareDatabase } from './database/database-bootstrap';
import { DatabaseUnreachableError, waitForDatabase } from './database/wait-for-database';
import { shutDownGracefullyOnSignals } from './lifecycle/graceful-shutdown';
import { WorkerModule } from './worker.module';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/**
 * One entry point for every process. APP_ROLE=all (the default) prepares the database (create,
 * migrate under an advisory lock, demo data when empty) and runs the API and the worker together;
 * `api` and `worker` run one side each and expect the database to be migrated already. Every role
 * first waits for PostgreSQL (DATABASE_WAIT_SECONDS) and shuts down gracefully on SIGTERM.
 */
async function bootstrap(): Promise<void> {
  const env = loadEnvironment();
  const logger = LEVELS.slice(0, LEVELS.indexOf(env.LOG_LEVEL as LogLevel) + 1);

  await waitForDatabase(env.DATABASE_URL, env.DATABASE_WAIT_SECONDS, env.DATABASE_CONNECT_TIMEOUT_MS);
  if (env.APP_ROLE === AppRole.All) await prepareDatabase(env);

  if (env.APP_ROLE === AppRole.Worker) {
    const worker = await NestFactory.createApplicationContext(WorkerModule, { logger });
    shutDownGracefullyOnSignals(worker, { graceSeconds: env.SHUTDOWN_GRACE_SECONDS });
    Logger.log('Worker started', 'Bootstrap');
    return;
  }

  const app = await NestFactory.create(AppModule.forRole({ withWorker: env.APP_ROLE === AppRole.All }), { logger });
  await app.listen(env.PORT);
  shutDownGracefullyOnSignals(app, { graceSeconds: env.SHUTDOWN_GRACE_SECONDS, httpServer: app.getHttpServer() });
  Logger.log(`GraphQL API on http://localhost:${env.PORT}/graphql (role ${env.APP_ROLE})`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError || error instanceof DatabaseUnreachableError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
