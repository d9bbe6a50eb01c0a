import { Injectable } from '@nestjs/common';

/** The time zone of every calendar day in the service: deadlines, schedules, ages. */
export const DUTCH_TIME_ZONE = 'Europe/Amsterdam';

const dutchDay = new Intl.DateTimeFormat('en-CA', { timeZone: DUTCH_TIME_ZONE });

/** The calendar date (YYYY-MM-DD) an instant falls on in the Netherlands. */
export function dutchDateOf(instant: Date): string {
  return dutchDay.format(instant);
}

/**
 * The one source of time: inject it instead of calling `new Date()` or `Date.now()`, so that what
 * depends on the date (deadlines, ages, expiries, reminders) can be tested by setting the clock.
 * Tests replace it with `TestClock` (test/support/test-clock.ts).
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today's date in the Netherlands, as YYYY-MM-DD. */
  today(): string {
    return dutchDateOf(this.now());
  }
}
