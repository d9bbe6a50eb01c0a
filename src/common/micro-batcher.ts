/**
 * Collects items that arrive within a few milliseconds (e.g. from concurrent BullMQ jobs) and
 * handles them in one call, so a batch costs one SQL round trip instead of one per item. `run`
 * answers per item, in order: a value, or an Error that fails that item alone. When `run` throws
 * for a batch of several items, each item is run again on its own, so one bad item cannot fail the
 * jobs that happened to share its batch.
 */
export class MicroBatcher<I, O> {
  private waiting: { item: I; resolve: (value: O) => void; reject: (error: Error) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly run: (items: I[]) => Promise<(O | Error)[]>,
    private readonly options: { maxSize: number; maxWaitMs: number },
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
    });
  }

  private flush(): void {
    void this.drain();
  }

  /** Runs what is waiting now, without waiting out `maxWaitMs` (at shutdown); resolves once it is handled. */
  async drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length > 0) await this.settle(batch, true);
  }

  private async settle(batch: typeof this.waiting, splitOnFailure: boolean): Promise<void> {
    let results: (O | Error)[];
    try {
      results = await this.run(batch.map(({ item }) => item));
      if (results.length !== batch.length) throw new Error(`batch answered ${results.length} results for ${batch.length} items`);
    } catch (error) {
      if (splitOnFailure && batch.length > 1) {
        await Promise.all(batch.map((entry) => this.settle([entry], false)));
      } else {
        for (const { reject } of batch) reject(error as Error);
      }
      return;
    }
    batch.forEach(({ resolve, reject }, i) => {
      const result = results[i];
      if (result instanceof Error) reject(result);
      else resolve(result);
    });
  }
}
