import { accreditationRule } from './r01-accreditation.rule';
import { qualificationCodesRule } from './r04-qualification-codes.rule';
import { trainerAssignedRule } from './r05-trainer-assigned.rule';
import { trainerCapacityRule } from './r06-trainer-capacity.rule';
import { trainerQualificationRule } from './r07-trainer-qualification.rule';
import { hourMinimumsRule } from './r10-hour-minimums.rule';
import { workingTimeRule } from './r11-working-time.rule';
import { bolHoursRule } from './r12-bol-hours.rule';
import { expenseAllowanceRule } from './r13-expense-allowance.rule';
import { bblMinimumWageRule } from './r14-bbl-minimum-wage.rule';
import { stipendFloorRule } from './r15-stipend-floor.rule';
import { equalAllowanceRule } from './r16-equal-allowance.rule';
import { pokActualHoursRule } from './r08-pok-actual-hours.rule';
import { actualHourMinimumsRule } from './r10-actual-hour-minimums.rule';
import { actualWorkingTimeRule } from './r11-actual-working-time.rule';
import { actualBolHoursRule } from './r12-actual-bol-hours.rule';
import type { HoursRule, Rule, RuleId, Severity } from './rule';

/** A rule as the engine runs it: with the severity its findings get when the norm set names none. */
export interface RegisteredRule extends Rule {
  defaultSeverity: Severity;
}

const registered = (rule: Rule, defaultSeverity: Severity): RegisteredRule => ({ ...rule, defaultSeverity });

/**
 * Every rule the engine evaluates. Adding a rule is one file and one line here, with its default
 * severity: a stored norm set that names no severity for it (version 1, seeded before the rule
 * existed) applies that default.
 */
const REGISTRY: RegisteredRule[] = [
  registered(accreditationRule, 'BLOCK'),
  registered(qualificationCodesRule, 'BLOCK'),
  registered(trainerAssignedRule, 'BLOCK'),
  registered(trainerCapacityRule, 'BLOCK'),
  registered(trainerQualificationRule, 'BLOCK'),
  registered(hourMinimumsRule, 'WARN'),
  registered(workingTimeRule, 'BLOCK'),
  registered(bolHoursRule, 'BLOCK'),
  registered(expenseAllowanceRule, 'BLOCK'),
  registered(bblMinimumWageRule, 'BLOCK'),
  registered(stipendFloorRule, 'BLOCK'),
  registered(equalAllowanceRule, 'WARN'),
];

/** The registry as it stands (read it each time: a test may add a rule for its duration). */
export const RULES: readonly RegisteredRule[] = REGISTRY;

/**
 * Adds a rule to the running engine, for a test that proves what a new rule does; returns the
 * function that removes it again. Production rules are lines in REGISTRY above.
 */
export function registerRuleForTest(rule: Rule, defaultSeverity: Severity): () => void {
  if (REGISTRY.some((known) => known.id === rule.id)) throw new Error(`Rule ${rule.id} is already registered`);
  const entry = registered(rule, defaultSeverity);
  REGISTRY.push(entry);
  return () => {
    const at = REGISTRY.indexOf(entry);
    if (at !== -1) REGISTRY.splice(at, 1);
  };
}

/** Each registered rule's default severity. */
export function defaultSeverities(): Record<RuleId, Severity> {
  return Object.fromEntries(REGISTRY.map((rule) => [rule.id, rule.defaultSeverity]));
}

/** The severity of a rule's findings under a norm set: the set's, else the registry default (issue #14 rule 9). */
export function severityOf(rule: RegisteredRule, severities: Partial<Record<RuleId, Severity>>): Severity {
  return severities[rule.id] ?? rule.defaultSeverity;
}

/** A norm set's severities with the registry default for each rule it does not name. */
export function effectiveSeverities(severities: Partial<Record<RuleId, Severity>>): Record<RuleId, Severity> {
  return { ...defaultSeverities(), ...severities } as Record<RuleId, Severity>;
}

/** A rule on an internship's actual hours, with its default severity (the norm set's for its id wins). */
export interface RegisteredHoursRule extends HoursRule {
  defaultSeverity: Severity;
}

/**
 * The rules judged on the hours a student logged (issue #17), beside the placement rules above:
 * the same rule ids, so a norm set's severity for R11 or R12 governs both. A finding on actual
 * hours refuses nothing (the week is recorded and flagged); SBB, the school and the company see it.
 */
export const HOURS_RULES: readonly RegisteredHoursRule[] = [
  { ...pokActualHoursRule, defaultSeverity: 'WARN' },
  { ...actualHourMinimumsRule, defaultSeverity: 'WARN' },
  { ...actualWorkingTimeRule, defaultSeverity: 'BLOCK' },
  { ...actualBolHoursRule, defaultSeverity: 'BLOCK' },
];
