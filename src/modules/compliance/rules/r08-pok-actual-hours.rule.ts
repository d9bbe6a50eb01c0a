import type { HoursRule } from './rule';

/** R8 on actual hours (issue #17): an approved week above the hours per week the signed POK states. */
export const pokActualHoursRule: HoursRule = {
  id: 'R8',
  evaluate({ weeks, pokHoursPerWeek }) {
    return weeks
      .filter((week) => week.approved && week.totalHours > pokHoursPerWeek)
      .map((week) => ({
        field: 'hours',
        message: `${week.totalHours} h approved in the week of ${week.weekStart}; the POK states ${pokHoursPerWeek} h a week`,
        details: { weekStart: week.weekStart, totalHours: week.totalHours, pokHoursPerWeek },
      }));
  },
};
