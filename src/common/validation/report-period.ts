import { addYears } from '../calendar';
import { BadUserInputError } from '../errors/domain-errors';

/** The longest period a report covers. */
export const MAX_REPORT_YEARS = 5;


/** A report's period (YYYY-MM-DD, both ends included): `to` not before `from`, at most five years. */
export function assertReportPeriod(from: string, to: string, toField: string, rule?: string): void {
  if (to < from) throw BadUserInputError.field(toField, 'to must not be before from', rule);
  if (to > addYears(from, MAX_REPORT_YEARS)) throw BadUserInputError.field(toField, `the period may span at most ${MAX_REPORT_YEARS} years`, rule);
}
