import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsServiceManager } from 'nestjs-cls';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '../common/errors/domain-errors';
import { isRetryableTransactionError } from './postgres-errors';

export interface RetryPolicy {
  /** Runs of the whole transaction, the first included, before the caller gets a retryable CONFLICT. */
  maxAttempts: number;
  /** The backoff before retry n is a random delay up to `baseDelayMs × 2^(n-1)` (full jitter), at most `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

let policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 500 };

/** Set once at boot from `TRANSACTION_MAX_ATTEMPTS`. */
export function configureTransactionRetries(change: Partial<RetryPolicy>): void {
  policy = { ...policy, ...change };
}

const logger = new Logger('Transaction');

/** The work an attempt of the outermost transaction leaves for after its commit (`afterCommit`). */
const afterCommitWork = new AsyncLocalStorage<(() => Promise<void>)[]>();

/**
 * On Node 20 an AsyncLocalStorage that has been entered keeps async_hooks' promise hooks on, so every
 * promise of the process, in a read that opens no transaction too, pays for carrying the context (9–14%
 * of a read's CPU in a profile). nestjs-cls enters its storage when it is loaded. Between
 * transactions nothing needs either storage, so the last transaction to end switches both off
 * (`disable`, which also turns the hooks off once no storage is on); the next `run` enters them and
 * so switches them on again. On Node 24 contexts are frames without hooks, and this costs nothing.
 */
let storages: AsyncLocalStorage<unknown>[] | undefined;
export const ambientStorages = (): AsyncLocalStorage<unknown>[] => {
  if (storages) return storages;
  const clsStorage: unknown = Reflect.get(ClsServiceManager.getClsService(), 'als');
  if (!(clsStorage instanceof AsyncLocalStorage)) throw new Error('nestjs-cls no longer keeps its AsyncLocalStorage as `als`');
  return (storages = [clsStorage, afterCommitWork]);
};
let openTransactions = 0;
const switchOffAmbientStorages = () => {
  if (openTransactions === 0) for (const storage of ambientStorages()) storage.disable();
};

/**
 * The one transaction style: an ambient transaction (nestjs-cls, AsyncLocalStorage) that every
 * repository joins through `manager`, so no function passes an EntityManager along.
 */
@Injectable()
export class Transactions {
  constructor(private readonly host: TransactionHost<TransactionalAdapterTypeOrm>) {
    switchOffAmbientStorages();
  }

  /** The ambient transaction's manager; outside a transaction, the plain (autocommit) one. */
  get manager(): EntityManager {
    return this.host.tx;
  }

  get active(): boolean {
    return this.host.isTransactionActive();
  }

  /**
   * Runs `work` in a transaction: joins the ambient one, or starts one and, when PostgreSQL aborts
   * it as a deadlock victim or a serialization failure, runs the whole of it again (its audit and
   * outbox rows were rolled back with it), up to `maxAttempts` times with jittered backoff; after
   * that the caller gets a CONFLICT with `extensions.retryable: true`. The one place that retries:
   * inside another transaction it does not retry but lets the outermost one start over.
   *
   * `work` may run more than once, so it must start from what it reads in the transaction, not from
   * state an earlier attempt left in memory.
   */
  async run<T>(work: () => Promise<T>, options: Partial<RetryPolicy> = {}): Promise<T> {
    if (this.host.isTransactionActive()) return work();
    const { maxAttempts, baseDelayMs, maxDelayMs } = { ...policy, ...options };
    for (let attempt = 1; ; attempt += 1) {
      // Per attempt: what a rolled-back attempt left for after its commit is dropped with it.
      const pending: (() => Promise<void>)[] = [];
      try {
        openTransactions += 1;
        const result = await afterCommitWork.run(pending, () => this.host.withTransaction(work)).finally(() => {
          openTransactions -= 1;
          switchOffAmbientStorages();
        });
        for (const task of pending) {
          await task().catch((error: Error) => logger.error(`After-commit work failed: ${error.message}`));
        }
        return result;
      } catch (error) {
        if (!isRetryableTransactionError(error)) throw error;
        const reason = (error as Error).message;
        if (attempt >= maxAttempts) {
          logger.warn(`Gave up after ${attempt} attempt(s): ${reason}`);
          throw new ConflictError('The change collided with a concurrent change to the same data; send it again', { retryable: true, cause: error });
        }
        logger.warn(`Attempt ${attempt} of ${maxAttempts} aborted (${reason}); retrying`);
        await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  /**
   * Runs `task` once the ambient transaction has committed (at once outside a transaction), and
   * never when it rolls back: for what must not leave the process before the data it speaks of is
   * there, such as an e-mail with a link (a queued job is not part of the transaction). A failing
   * task is logged; the commit stands.
   */
  async afterCommit(task: () => Promise<void>): Promise<void> {
    if (!this.host.isTransactionActive()) return task();
    const pending = afterCommitWork.getStore();
    if (!pending) throw new Error('afterCommit inside a transaction that Transactions.run did not start');
    pending.push(task);
  }
}
