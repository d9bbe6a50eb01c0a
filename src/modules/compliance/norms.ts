import { Sector } from '../organizations/sector';
import type { RuleId, Severity } from './rules/rule';

/**
 * The figures the rules apply; a norm set is one version of them, with an effective date. The
 * defaults follow the domain brief (section 7) and are meant to be versioned by SBB, not edited.
 */
export interface Norms {
  /** R15: BOL stipend floor per month at full time, pro rata for fewer hours. */
  stipendFloorCentsPerMonth: number;
  fullTimeHoursPerWeek: number;
  /** R12: BOL soft cap and the level above which it warns. */
  bolMaxHoursPerWeek: number;
  bolWarnAboveHoursPerWeek: number;
  /** R11: working-time limits for students under 18 and for adults. */
  minorMaxHoursPerDay: number;
  minorMaxHoursPerWeek: number;
  minorMaxAverageHoursPerWeek: number;
  adultMaxHoursPerDay: number;
  adultMaxHoursPerWeek: number;
  /** R6: concurrent students per praktijkopleider, per sector (default for the others). */
  maxStudentsPerTrainer: number;
  maxStudentsPerTrainerBySector: Partial<Record<Sector, number>>;
  /** R10: BBL practice hours per study year, and the teaching weeks a year counts. */
  bblMinimumBpvHoursPerYear: number;
  weeksPerStudyYear: number;
  /** R14: statutory minimum (youth) wage in cents per hour, by age; the highest age applies above it. */
  minimumWageCentsPerHourByAge: Record<number, number>;
  severities: Record<RuleId, Severity>;
}

/**
 * Minimum wage from 1 January 2026: €14.71 an hour at 21+, youth percentages 30% (15), 34.5% (16),
 * 39.5% (17), 50% (18), 60% (19), 80% (20). Keep it current through new norm-set versions.
 */
export const DEFAULT_NORMS: Norms = {
  stipendFloorCentsPerMonth: 40000,
  fullTimeHoursPerWeek: 40,
  bolMaxHoursPerWeek: 40,
  bolWarnAboveHoursPerWeek: 32,
  minorMaxHoursPerDay: 9,
  minorMaxHoursPerWeek: 45,
  minorMaxAverageHoursPerWeek: 40,
  adultMaxHoursPerDay: 12,
  adultMaxHoursPerWeek: 60,
  maxStudentsPerTrainer: 3,
  maxStudentsPerTrainerBySector: { [Sector.TECHNIEK_GEBOUWDE_OMGEVING]: 3 },
  bblMinimumBpvHoursPerYear: 610,
  weeksPerStudyYear: 40,
  minimumWageCentsPerHourByAge: { 15: 441, 16: 507, 17: 581, 18: 736, 19: 883, 20: 1177, 21: 1471 },
  severities: {
    R1: 'BLOCK',
    R4: 'BLOCK',
    R5: 'BLOCK',
    R6: 'BLOCK',
    R7: 'BLOCK',
    R10: 'WARN',
    R11: 'BLOCK',
    R12: 'BLOCK',
    R13: 'BLOCK',
    R14: 'BLOCK',
    R15: 'BLOCK',
    R16: 'WARN',
  },
};
