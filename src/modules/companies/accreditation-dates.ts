import { addMonths, addYears } from '../../common/calendar';

/** The accreditation lifecycle's dates (R3), in the calendar arithmetic of `common/calendar`. */

/** R3: a refused company may apply again six months after the refusal. */
export const REAPPLICATION_WAIT_MONTHS = 6;
/** R3: SBB reviews an accreditation every four years. */
export const REVIEW_INTERVAL_YEARS = 4;
/** R3: an accreditation lapses after four years without students. */
export const LAPSE_AFTER_YEARS_WITHOUT_STUDENTS = 4;

/** R3: the first day a branch refused on `refusedOn` may be accredited for that crebo. */
export const reapplicableFrom = (refusedOn: string): string => addMonths(refusedOn, REAPPLICATION_WAIT_MONTHS);

/** R3: when the next four-yearly review is due. */
export const reviewDueOn = (lastReviewedOn: string): string => addYears(lastReviewedOn, REVIEW_INTERVAL_YEARS);

/**
 * R3: the start of the four-year window a student must fall in on `day` for the accreditation to
 * stay. An accreditation granted before it and with no internship starting in it lapses.
 */
export const studentWindowStart = (day: string): string => addYears(day, -LAPSE_AFTER_YEARS_WITHOUT_STUDENTS);
