import { Leerweg } from '../../../common/qualification';
import { euros, type Rule } from './rule';

/** R15: the BOL stipend floor of the norm set (a month at full time), pro rata for fewer hours. */
export const stipendFloorRule: Rule = {
  id: 'R15',
  evaluate({ placement }, norms) {
    if (placement.leerweg !== Leerweg.BOL) return [];
    const floor = Math.ceil((norms.stipendFloorCentsPerMonth * placement.hoursPerWeek) / norms.fullTimeHoursPerWeek);
    return placement.stipendMonthlyCents < floor
      ? [
          {
            field: 'stipendMonthlyCents',
            message: `The stipend must be at least ${euros(floor)} a month at ${placement.hoursPerWeek} h a week (${euros(norms.stipendFloorCentsPerMonth)} at ${norms.fullTimeHoursPerWeek} h, pro rata)`,
            details: { floorCents: floor, shortCents: floor - placement.stipendMonthlyCents },
          },
        ]
      : [];
  },
};
