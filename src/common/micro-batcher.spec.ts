import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  it('runs items that arrive together as one batch and answers each in order', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher(async (items: number[]) => {
      batches.push(items);
      return items.map((n) => n * 10);
    }, { maxSize: 100, maxWaitMs: 5 });
    await expect(Promise.all([1, 2, 3].map((n) => batcher.add(n)))).resolves.toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('flushes as soon as a batch is full', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher(async (items: number[]) => {
      batches.push(items);
      return items;
    }, { maxSize: 2, maxWaitMs: 60_000 });
    await Promise.all([1, 2, 3, 4].map((n) => batcher.add(n)));
    expect(batches).toEqual([[1, 2], [3, 4]]);
  });

  it('fails only the item whose result is an error', async () => {
    const batcher = new MicroBatcher(async (items: number[]) => items.map((n) => (n === 2 ? new Error('two') : n)), { maxSize: 10, maxWaitMs: 1 });
    const results = await Promise.allSettled([1, 2, 3].map((n) => batcher.add(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('retries each item alone when a whole batch throws, so one bad item fails alone', async () => {
    const runs: number[][] = [];
    const batcher = new MicroBatcher(async (items: number[]) => {
      runs.push(items);
      if (items.includes(2)) throw new Error('bad item');
      return items;
    }, { maxSize: 10, maxWaitMs: 1 });
    const results = await Promise.allSettled([1, 2, 3].map((n) => batcher.add(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('bad item') },
      { status: 'fulfilled', value: 3 },
    ]);
    expect(runs).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});
