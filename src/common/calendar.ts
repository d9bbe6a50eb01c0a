/**
 * Calendar arithmetic on `YYYY-MM-DD` dates. A month or year step that lands on a day the target
 * month lacks is clamped to that month's last day, exactly as Postgres `date + interval` does, so
 * the API and SQL always agree: 31 August + 6 months = 28 (or 29) February, 29 February + 4 years
 * = 28 February unless that year is a leap year.
 */

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
