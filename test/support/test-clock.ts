import { Clock } from '../../src/common/clock/clock';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A clock that stands still until the test moves it: provided in place of `Clock` by
 * `TestApp.start({ clock })` and `ServiceApp.start({ clock })`, so a test sets the date instead of
 * rewriting rows. It starts at the real time of its creation unless given an instant.
 */
export class TestClock extends Clock {
  private instant: number;

  constructor(start: string | Date = new Date()) {
    super();
    this.instant = TestClock.parse(start);
  }

  override now(): Date {
    return new Date(this.instant);
  }

  /** Moves the clock to an ISO instant, e.g. `2027-03-01T09:00:00+01:00` (a bare date is midnight UTC). */
  set(instant: string | Date): this {
    this.instant = TestClock.parse(instant);
    return this;
  }

  /** Moves the clock forward (or back, with negative figures); a day is 24 hours. */
  advance({ days = 0, hours = 0, minutes = 0 }: { days?: number; hours?: number; minutes?: number }): this {
    this.instant += days * DAY_MS + hours * 60 * 60 * 1000 + minutes * 60 * 1000;
    return this;
  }

  private static parse(instant: string | Date): number {
    const time = instant instanceof Date ? instant.getTime() : Date.parse(instant);
    if (Number.isNaN(time)) throw new Error(`TestClock: not an instant: ${String(instant)}`);
    return time;
  }
}
