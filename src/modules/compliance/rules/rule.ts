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
