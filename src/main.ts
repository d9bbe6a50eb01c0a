import 'reflect-metadata';
import { bootstrap, logStarted } from './bootstrap';
import { InvalidEnvironmentError } from './config/environment';
import { DatabaseUnreachableError } from './database/wait-for-database';
import { shutDownGracefullyOnSignals } from './lifecycle/graceful-shutdown';

/**
 * One entry point for every process; `bootstrap` says what APP_ROLE starts. Every role first waits
 * for PostgreSQL (DATABASE_WAIT_SECONDS) and shuts down gracefully on SIGTERM.
 */
async function main(): Promise<void> {
  const { env, app, port } = await bootstrap();
  await app.listen(port);
  shutDownGracefullyOnSignals(app, { graceSeconds: env.SHUTDOWN_GRACE_SECONDS, httpServer: app.getHttpServer() });
  logStarted(env, port);
}

main().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError || error instanceof DatabaseUnreachableError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
