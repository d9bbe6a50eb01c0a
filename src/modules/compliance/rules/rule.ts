import type { Leerweg } from '../../../common/qualification';
import type { Sector } from '../../organizations/sector';
import type { RegisterVersion } from '../../qualifications/register-check';
import type { Norms } from '../norms';
import type { Finding, RuleId, Severity } from '../../placements/placement-compliance';

export type { Finding, FindingFigure, RuleId, Severity } from '../../placements/placement-compliance';
/** Rules judged on an internship rather than a placement (see guidance.ts). */
export type InternshipRuleId = 'R17';

/** Everything a rule may look at, loaded once per evaluation. Dates are YYYY-MM-DD. */
export interface ComplianceContext {
  placement: {
    companyId: string;
    crebos: string[];
    level: number;
    leerweg: Leerweg;
    startDate: string;
    endDate: string;
    daysPerWeek: number;
    hoursPerWeek: number;
    stipendMonthlyCents: number;
    expenseAllowanceCents: number;
    /** Codes (B1-K1-W1) are checked against the register (R4); other entries are notes. */
    werkprocessen?: string[];
  };
  sector: Sector;
  /** The accreditations of the placement's branch. */
  accreditations: { crebo: string; status: string; grantedOn: string; validUntil: string | null }[];
  trainer: {
    companyId: string;
    qualificationLevel: number;
    yearsOfExperience: number;
    courseCompletedOn: string | null;
    refresherCompletedOn: string | null;
    sectorTrainingCompletedOn: string | null;
    sectorTrainingDeadline: string | null;
    /** Students the trainer already guides, not counting the one being assigned. */
    activeStudents: number;
  } | null;
  /** R4: the register's versions of each of the placement's crebos (absent: the register is not consulted). */
  register?: Record<string, RegisterVersion[]>;
  /** Known once a student is proposed or placed. */
  student?: { crebo: string; dateOfBirth: string };
  /** The company's other placements for the same crebo and hours (R16 compares their stipends). */
  siblings?: { level: number; hoursPerWeek: number; stipendMonthlyCents: number }[];
}

/** A finding before the norm set gives it its severity. */
export type RuleFinding = Omit<Finding, 'severity' | 'rule'> & { /** Overrides the norm set's severity (e.g. R12's warning above its warning level). */ severity?: Severity };

/** One Stagepact rule: a pure function of the context and the norms in force. */
export interface Rule {
  id: RuleId;
  evaluate(context: ComplianceContext, norms: Norms): RuleFinding[];
}

/** Age in whole years on a date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, date: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const euros = (cents: number): string => `€${(cents / 100).toFixed(2)}`;

/**
 * An internship's actual hours as the student logged them (issue #17), for the rules judged on
 * them rather than on a placement's planned hours. Rejected weeks are left out; `approved` says
 * whether the company approved the week. Dates are YYYY-MM-DD; `weeks` in order.
 */
export interface ActualHoursContext {
  leerweg: Leerweg;
  dateOfBirth: string;
  startDate: string;
  endDate: string;
  /** The current POK's weekly hours (R8). */
  pokHoursPerWeek: number;
  /** The day of the judgement: R10 judges the total once the period is over. */
  today: string;
  weeks: { weekStart: string; hoursPerDay: number[]; totalHours: number; approved: boolean }[];
}

/** A rule on actual hours: a pure function of the logged weeks and the norms in force on the start date. */
export interface HoursRule {
  id: RuleId;
  evaluate(context: ActualHoursContext, norms: Norms): RuleFinding[];
}

const DAY_MS = 86_400_000;
/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
