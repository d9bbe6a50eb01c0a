import type { Sector } from '../organizations/sector';
import type { RuleId, Severity } from './rules/rule';

/**
 * The figures the rules apply; a norm set is one version of them, with an effective date. Their
 * one source is the stored norm set: version 1 is seeded by the ComplianceEngine migration, later
 * versions are added by SBB (never edited). No figure is repeated in code.
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
  /** A rule the set does not name takes the registry's default severity (rules/index.ts). */
  severities: Partial<Record<RuleId, Severity>>;
}
