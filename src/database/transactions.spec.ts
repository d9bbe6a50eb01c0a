import { AsyncLocalStorage } from 'node:async_hooks';
import { Transactions } from './transactions';

/** A stand-in for nestjs-cls's TransactionHost: an ambient flag, and a transaction that may fail at commit. */
function fakeHost(commit: () => void = () => undefined) {
  const active = new AsyncLocalStorage<boolean>();
  return {
    isTransactionActive: () => active.getStore() === true,
    withTransaction: async <T>(work: () => Promise<T>): Promise<T> => {
      const result = await active.run(true, work);
      commit();
      return result;
    },
    get tx() {
      return null;
    },
  };
}

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('Transactions.afterCommit', () => {
  it('runs the task after the outermost transaction commits, not before, also when a nested run registered it', async () => {
    const order: string[] = [];
    const transactions = new Transactions(fakeHost(() => order.push('commit')) as never);
    await transactions.run(async () => {
      await transactions.run(async () => {
        await transactions.afterCommit(async () => void order.push('mail'));
      });
      order.push('work done');
    });
    expect(order).toEqual(['work done', 'commit', 'mail']);
  });

  it('never runs the task of a transaction that rolled back', async () => {
    const sent: string[] = [];
    const transactions = new Transactions(fakeHost() as never);
    await expect(
      transactions.run(async () => {
        await transactions.afterCommit(async () => void sent.push('mail'));
        throw new Error('bad input');
      }),
    ).rejects.toThrow('bad input');
    expect(sent).toEqual([]);
  });

  it('drops the task of an attempt that is retried: once per committed transaction', async () => {
    let attempts = 0;
    const sent: number[] = [];
    const transactions = new Transactions(
      fakeHost(() => {
        if (attempts === 1) throw deadlock();
      }) as never,
    );
    await transactions.run(async () => {
      attempts += 1;
      const attempt = attempts;
      await transactions.afterCommit(async () => void sent.push(attempt));
    });
    expect(attempts).toBe(2);
    expect(sent).toEqual([2]);
  });

  it('runs at once outside a transaction, and a failing task leaves the commit standing', async () => {
    const transactions = new Transactions(fakeHost() as never);
    const sent: string[] = [];
    await transactions.afterCommit(async () => void sent.push('now'));
    expect(sent).toEqual(['now']);
    await expect(transactions.run(async () => transactions.afterCommit(() => Promise.reject(new Error('SMTP down'))).then(() => 'committed'))).resolves.toBe('committed');
  });
});
