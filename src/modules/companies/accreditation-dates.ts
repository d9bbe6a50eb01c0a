/**
 * Calendar arithmetic on `YYYY-MM-DD` dates for the accreditation lifecycle (R3). A month or year
 * step that lands on a day the target month lacks is clamped to that month's last day, exactly as
 * Postgres `date + interval` does, so the API and the daily check's SQL always agree:
 * 31 August + 6 months = 28 (or 29) February, 29 February + 4 years = 28 February unless that year
 * is a leap year.
 */

/** R3: a refused company may apply again six months after the refusal. */
export const REAPPLICATION_WAIT_MONTHS = 6;
/** R3: SBB reviews an accreditation every four years. */
export const REVIEW_INTERVAL_YEARS = 4;
/** R3: an accreditation lapses after four years without students. */
export const LAPSE_AFTER_YEARS_WITHOUT_STUDENTS = 4;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `date` plus `months` calendar months (negative to go back), clamped to the end of the month. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(day, daysInMonth(targetYear, targetMonth)))}`;
}

/** `date` plus `years` calendar years (negative to go back), clamped like `addMonths`. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** `date` plus `days` days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** R3: the first day a branch refused on `refusedOn` may be accredited for that crebo. */
export const reapplicableFrom = (refusedOn: string): string => addMonths(refusedOn, REAPPLICATION_WAIT_MONTHS);

/** R3: when the next four-yearly review is due. */
export const reviewDueOn = (lastReviewedOn: string): string => addYears(lastReviewedOn, REVIEW_INTERVAL_YEARS);

/**
 * R3: the start of the four-year window a student must fall in on `day` for the accreditation to
 * stay. An accreditation granted before it and with no internship starting in it lapses.
 */
export const studentWindowStart = (day: string): string => addYears(day, -LAPSE_AFTER_YEARS_WITHOUT_STUDENTS);
