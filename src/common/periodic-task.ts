import { Logger } from '@nestjs/common';

/**
 * Runs `task` now and then every `intervalMs` until stopped; a pass never overlaps the previous
 * one, and a failed pass is logged and tried again at the next tick. For the sweeps every worker
 * runs on its own (they must not live in Redis: they are what repairs a Redis that lost its data).
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private readonly logger: Logger;

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.runOnce(), intervalMs);
    this.runOnce();
  }

  /** Stops the ticks and waits for a pass in progress, at most `waitMs` (a pass waiting for a Redis that is down must not hold up a shutdown). */
  async stop(waitMs = 5000): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.pass) await Promise.race([this.pass, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  private runOnce(): void {
    if (this.pass) return;
    this.pass = this.task()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`${this.name} pass failed, will retry: ${error.message}`))
      .finally(() => (this.pass = null));
  }
}
