import 'reflect-metadata';
import { bootstrap, logStarted } from './bootstrap';
import { InvalidEnvironmentError } from './config/environment';

/** One entry point for every process; `bootstrap` says what APP_ROLE starts. */
async function main(): Promise<void> {
  const { env, app, port } = await bootstrap();
  app.enableShutdownHooks();
  await app.listen(port);
  logStarted(env, port);
}

main().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
