import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { AuditLog } from '../common/audit/audit-log';
import { Transactions } from './transactions';

const isEnhancer = (provider: Provider) => typeof provider === 'object' && (provider.provide === APP_GUARD || provider.provide === APP_INTERCEPTOR);

/**
 * nestjs-cls without its pass-through guard and interceptor. It registers both globally even when,
 * as here, it mounts neither (a transaction opens its own CLS context); a global interceptor makes
 * Nest run every resolver call through an rxjs pipeline and two `AsyncResource.bind`s, some 4% of
 * the CPU of a `me` request (README "Performance"). test/read-statements.e2e-spec.ts checks they
 * are gone.
 */
function clsWithoutPassThroughEnhancers(cls: DynamicModule): DynamicModule {
  for (const imported of cls.imports ?? []) {
    if (typeof imported === 'object' && 'providers' in imported) imported.providers = imported.providers?.filter((provider) => !isEnhancer(provider));
  }
  return cls;
}

/** The ambient transaction every repository joins (see transactions.ts), and the audit log written in it. */
@Global()
@Module({
  imports: [
    clsWithoutPassThroughEnhancers(
      ClsModule.forRoot({
        global: true,
        plugins: [
          new ClsPluginTransactional({
            imports: [TypeOrmModule],
            adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: DataSource }),
          }),
        ],
      }),
    ),
  ],
  providers: [Transactions, AuditLog],
  exports: [Transactions, AuditLog],
})
export class DatabaseModule {}
