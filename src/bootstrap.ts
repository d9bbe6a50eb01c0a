import { type INestApplication, Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { corsOptions } from './common/http/cors';
import { serveGraphiql } from './common/http/graphiql';
import { AppRole, type Environment, loadEnvironment } from './config/environment';
import { prepareDatabase } from './database/database-bootstrap';
import { waitForDatabase } from './database/wait-for-database';
import { WorkerProcessModule } from './worker-process.module';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** What every HTTP API applies, however it is built (the process below, or the test app). */
export function configureApi(app: INestApplication, env: Environment): void {
  app.enableCors(corsOptions(env.corsOrigins));
  // GraphQL answers POSTs, which no cache revalidates: an ETag would only hash every answer.
  const express = app.getHttpAdapter().getInstance();
  express.set('etag', false);
  express.disable('x-powered-by');
  serveGraphiql(app, env.isProduction);
}

/**
 * The process APP_ROLE asks for, ready to listen. The environment (`process.env`) is validated first (an invalid
 * or, in production, published or weak secret throws `InvalidEnvironmentError` naming it). `all`
 * (the default) prepares the database (create, migrate under an advisory lock, demo data when
 * empty and SEED_DEMO_ON_EMPTY) and runs the API and the worker together; `api` and `worker` run
 * one side each and expect the database to be migrated already. Every role first waits for
 * PostgreSQL (DATABASE_WAIT_SECONDS, throwing `DatabaseUnreachableError`). The worker serves only
 * `GET /health`, on `port`.
 */
export async function bootstrap(): Promise<{ env: Environment; app: INestApplication; port: number }> {
  const env = loadEnvironment();
  const logger = LEVELS.slice(0, LEVELS.indexOf(env.LOG_LEVEL as LogLevel) + 1);

  await waitForDatabase(env.DATABASE_URL, env.DATABASE_WAIT_SECONDS, env.DATABASE_CONNECT_TIMEOUT_MS);
  if (env.APP_ROLE === AppRole.All) await prepareDatabase(env);

  if (env.APP_ROLE === AppRole.Worker) {
    const worker = await NestFactory.create(WorkerProcessModule, { logger });
    return { env, app: worker, port: env.WORKER_HEALTH_PORT };
  }

  const app = await NestFactory.create(AppModule.forRole({ withWorker: env.APP_ROLE === AppRole.All }), { logger });
  configureApi(app, env);
  return { env, app, port: env.PORT };
}

export function logStarted(env: Environment, port: number): void {
  if (env.APP_ROLE === AppRole.Worker) Logger.log(`Worker started (health on :${port}/health)`, 'Bootstrap');
  else Logger.log(`GraphQL API on http://localhost:${port}/graphql (role ${env.APP_ROLE})`, 'Bootstrap');
}
