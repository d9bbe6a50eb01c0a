import { Logger } from '@nestjs/common';

/** At most one warning per dependency in this period while it stays unreachable. */
export const OUTAGE_WARNING_INTERVAL_MS = 5000;

/**
 * Turns a storm of connection errors (every client, queue and worker retrying on its own) into
 * one warning every few seconds with the number of errors in between, and one line when the
 * dependency answers again.
 */
export class OutageLog {
  private readonly logger: Logger;
  private down = false;
  private lastWarningAt: number | null = null;
  private suppressed = 0;

  constructor(
    private readonly dependency: string,
    private readonly intervalMs = OUTAGE_WARNING_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.logger = new Logger(dependency);
  }

  get isDown(): boolean {
    return this.down;
  }

  failed(error: unknown): void {
    const at = this.now();
    this.down = true;
    if (this.lastWarningAt !== null && at - this.lastWarningAt < this.intervalMs) {
      this.suppressed += 1;
      return;
    }
    const more = this.suppressed > 0 ? ` (${this.suppressed} more errors since the last warning)` : '';
    this.logger.warn(`${this.dependency} unavailable: ${describe(error)}${more}`);
    this.lastWarningAt = at;
    this.suppressed = 0;
  }

  recovered(): void {
    if (!this.down) return;
    this.down = false;
    this.lastWarningAt = null;
    this.suppressed = 0;
    this.logger.log(`${this.dependency} reachable again`);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message || String((error as { code?: unknown }).code ?? error.name);
}
