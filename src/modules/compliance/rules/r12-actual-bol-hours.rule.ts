import { Leerweg } from '../../../common/qualification';
import type { HoursRule, RuleFinding } from './rule';

/** R12 on actual hours (issue #17): a BOL week approved above the soft cap; above its warning level a warning. */
export const actualBolHoursRule: HoursRule = {
  id: 'R12',
  evaluate({ leerweg, weeks }, norms) {
    if (leerweg !== Leerweg.BOL) return [];
    return weeks
      .filter((week) => week.approved && week.totalHours > norms.bolWarnAboveHoursPerWeek)
      .map((week): RuleFinding =>
        week.totalHours > norms.bolMaxHoursPerWeek
          ? { field: 'hours', message: `${week.totalHours} h approved in the week of ${week.weekStart}; BOL is at most ${norms.bolMaxHoursPerWeek} h a week`, details: { weekStart: week.weekStart, totalHours: week.totalHours } }
          : { field: 'hours', message: `${week.totalHours} h approved in the week of ${week.weekStart}: more than ${norms.bolWarnAboveHoursPerWeek} h a week is heavy for a BOL student`, details: { weekStart: week.weekStart, totalHours: week.totalHours }, severity: 'WARN' },
      );
  },
};
