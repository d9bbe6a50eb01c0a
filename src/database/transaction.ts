import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RetryPolicy, Transactions } from './transactions';

export { configureTransactionRetries } from './transactions';
export type { RetryPolicy } from './transactions';

/** Per data source, as one process (a test) may run several apps. */
const hosts = new WeakMap<DataSource, TransactionHost<TransactionalAdapterTypeOrm>>();

export function registerTransactionHost(dataSource: DataSource, host: TransactionHost<TransactionalAdapterTypeOrm>): void {
  hosts.set(dataSource, host);
}

/**
 * @deprecated Inject `Transactions` and call `run`; this shim joins the same ambient transaction
 * while modules move over, and goes when the last caller has.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, options: Partial<RetryPolicy> = {}): Promise<T> {
  const host = hosts.get(dataSource);
  if (!host) throw new Error('inTransaction: no transaction host for this data source (is DatabaseModule imported?)');
  return new Transactions(host).run(() => work(host.tx), options);
}
