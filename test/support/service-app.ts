import type { Abstract, DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { Clock } from '../../src/common/clock/clock';
import { CoreModule } from '../../src/core.module';
import { cloneTemplate, dropDatabase } from './databases';
import { TestApp } from './test-app';
import { TestClock } from './test-clock';

type ModuleImport = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/**
 * The service-level test layer: the Nest providers without HTTP or GraphQL requests, on a fresh
 * database cloned from the migrated template, with a `TestClock` in place of `Clock`. Tests call
 * services straight through DI: `app.get(PostcodesService)`.
 *
 * `imports` narrows the graph to some feature modules (CoreModule is always there: config,
 * Postgres, Redis, queues, clock, transactions); by default the whole API (without the worker, so
 * nothing runs in the background but what the test calls).
 */
export class ServiceApp {
  private constructor(
    readonly moduleRef: TestingModule,
    readonly clock: TestClock,
    readonly databaseUrl: string,
    readonly queuePrefix: string,
  ) {}

  static async start(
    options: { imports?: ModuleImport[]; clock?: TestClock; env?: Record<string, string>; configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder } = {},
  ): Promise<ServiceApp> {
    const databaseUrl = await cloneTemplate();
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'error',
      ...options.env,
    });
    const clock = options.clock ?? new TestClock();
    const imports = options.imports ? [CoreModule, ...options.imports] : [AppModule.forRole({ withWorker: false })];
    const builder = Test.createTestingModule({ imports }).overrideProvider(Clock).useValue(clock);
    const moduleRef = await (options.configure?.(builder) ?? builder).compile();
    moduleRef.useLogger(['error']);
    await moduleRef.init();
    return new ServiceApp(moduleRef, clock, databaseUrl, process.env.QUEUE_PREFIX!);
  }

  /** A provider from anywhere in the graph (a service, a repository, `Transactions`, …). */
  get<T>(token: Type<T> | Abstract<T> | string | symbol): T {
    return this.moduleRef.get<T>(token, { strict: false });
  }

  get dataSource(): DataSource {
    return this.moduleRef.get<DataSource>(getDataSourceToken(), { strict: false });
  }

  async stop(): Promise<void> {
    await this.moduleRef.close();
    await TestApp.deleteQueues(this.queuePrefix);
    await dropDatabase(this.databaseUrl);
  }
}
