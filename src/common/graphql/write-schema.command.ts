import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { AppModule } from '../../app.module';
import { printSortedSchema } from './print-schema';

/** `npm run schema:generate`: writes the API contract to graphql/schema.graphql. */
async function writeSchema(): Promise<void> {
  const app = await NestFactory.create(AppModule.forRole({ withWorker: false }), { logger: ['error'] });
  await app.init();
  const target = join(__dirname, '..', '..', '..', '..', 'graphql', 'schema.graphql');
  writeFileSync(target, printSortedSchema(app.get(GraphQLSchemaHost).schema));
  await app.close();
  console.log(`Wrote ${target}`);
}

writeSchema().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
