import { Leerweg } from '../../../common/qualification';
import type { Rule } from './rule';

/** R12: BOL at most the norm set's weekly hours; above its warning level a warning. */
export const bolHoursRule: Rule = {
  id: 'R12',
  evaluate({ placement }, norms) {
    if (placement.leerweg !== Leerweg.BOL) return [];
    const { hoursPerWeek } = placement;
    if (hoursPerWeek > norms.bolMaxHoursPerWeek) {
      return [{ field: 'hoursPerWeek', message: `BOL placements are at most ${norms.bolMaxHoursPerWeek} h a week`, details: { hoursPerWeek } }];
    }
    if (hoursPerWeek > norms.bolWarnAboveHoursPerWeek) {
      return [{ field: 'hoursPerWeek', message: `More than ${norms.bolWarnAboveHoursPerWeek} h a week is heavy for a BOL student`, details: { hoursPerWeek }, severity: 'WARN' }];
    }
    return [];
  },
};
