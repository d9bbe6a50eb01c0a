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
import type { Rule } from './rule';

/** Every rule the engine evaluates: adding a rule is one file and one line here. */
export const RULES: readonly Rule[] = [
  accreditationRule,
  qualificationCodesRule,
  trainerAssignedRule,
  trainerCapacityRule,
  trainerQualificationRule,
  hourMinimumsRule,
  workingTimeRule,
  bolHoursRule,
  expenseAllowanceRule,
  bblMinimumWageRule,
  stipendFloorRule,
  equalAllowanceRule,
];
