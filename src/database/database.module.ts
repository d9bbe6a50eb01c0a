import { ClsPluginTransactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { registerTransactionHost } from './transaction';
import { Transactions } from './transactions';

/** The ambient transaction every repository joins (see transactions.ts). */
@Global()
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      plugins: [
        new ClsPluginTransactional({
          imports: [TypeOrmModule],
          adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: DataSource }),
        }),
      ],
    }),
  ],
  providers: [Transactions],
  exports: [Transactions],
})
export class DatabaseModule {
  constructor(dataSource: DataSource, host: TransactionHost<TransactionalAdapterTypeOrm>) {
    registerTransactionHost(dataSource, host);
  }
}
