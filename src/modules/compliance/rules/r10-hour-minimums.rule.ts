import { Leerweg } from '../../../common/qualification';
import type { Rule } from './rule';

/** R10: a BBL place must allow the yearly practice hours of the norm set at its weekly hours. */
export const hourMinimumsRule: Rule = {
  id: 'R10',
  evaluate({ placement }, norms) {
    if (placement.leerweg !== Leerweg.BBL) return [];
    const perYear = placement.hoursPerWeek * norms.weeksPerStudyYear;
    return perYear < norms.bblMinimumBpvHoursPerYear
      ? [
          {
            field: 'hoursPerWeek',
            message: `${placement.hoursPerWeek} h a week gives ${perYear} practice hours a year; BBL needs ${norms.bblMinimumBpvHoursPerYear}`,
            details: { hoursPerYear: perYear, minimum: norms.bblMinimumBpvHoursPerYear },
          },
        ]
      : [];
  },
};
