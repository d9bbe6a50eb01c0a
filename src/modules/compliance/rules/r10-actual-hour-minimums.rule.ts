import { Leerweg } from '../../../common/qualification';
import type { HoursRule } from './rule';

/**
 * R10 on actual hours (issue #17): once a BBL internship's period is over, its approved hours at
 * the yearly rate (per week of the period, times the norm set's study weeks) must reach the BBL
 * minimum of practice hours a year.
 */
export const actualHourMinimumsRule: HoursRule = {
  id: 'R10',
  evaluate({ leerweg, startDate, endDate, today, weeks }, norms) {
    if (leerweg !== Leerweg.BBL || today <= endDate) return [];
    const periodWeeks = Math.max(1, (Date.parse(endDate) - Date.parse(startDate) + 86_400_000) / (7 * 86_400_000));
    const approved = weeks.filter((week) => week.approved).reduce((sum, week) => sum + week.totalHours, 0);
    const perYear = Math.round((approved / periodWeeks) * norms.weeksPerStudyYear);
    return perYear < norms.bblMinimumBpvHoursPerYear
      ? [{ field: 'hours', message: `${approved} approved hours give ${perYear} practice hours a year; BBL needs ${norms.bblMinimumBpvHoursPerYear}`, details: { approvedHours: approved, hoursPerYear: perYear, minimum: norms.bblMinimumBpvHoursPerYear } }]
      : [];
  },
};
