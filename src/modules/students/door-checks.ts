/**
 * What a student's data must be before it is stored (issue #18: validation at the door), as pure
 * functions shared by `createStudent`/`updateStudent` and the bulk import. The PC4 postcode and the
 * register (R4) are checked by their owners (postcodes, qualifications).
 */

/** MBO students are at least 15 on the day their BPV can start (in practice 16+) and below the state pension age. */
export const MBO_AGE = { min: 15, max: 67 } as const;

/** Age in whole years on a date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, date: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Null when the date of birth gives a plausible MBO age on `on` (her first available day), else why not. */
export function implausibleAge(dateOfBirth: string, on: string): string | null {
  const age = ageOn(dateOfBirth, on);
  if (age < MBO_AGE.min) return `a student born on ${dateOfBirth} is ${Math.max(age, 0)} on ${on}; an MBO student is at least ${MBO_AGE.min}`;
  if (age > MBO_AGE.max) return `a student born on ${dateOfBirth} is ${age} on ${on}; that is not a plausible age for an MBO student (at most ${MBO_AGE.max})`;
  return null;
}

/** Names compared for duplicates: case and spacing aside. */
export const comparableName = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();
