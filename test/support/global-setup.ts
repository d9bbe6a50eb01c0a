import { dropTestDatabases } from './databases';

/** Once per run: drop the template and test databases of earlier runs, so the template is rebuilt from the current migrations. */
export default async function globalSetup(): Promise<void> {
  await dropTestDatabases();
}
