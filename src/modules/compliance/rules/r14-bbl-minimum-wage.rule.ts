import { Leerweg } from '../../../common/qualification';
import { ageOn, euros, type Rule } from './rule';

const WEEKS_PER_MONTH = 52 / 12;

/** R14: BBL pays at least the statutory minimum (youth) wage for the student's age. */
export const bblMinimumWageRule: Rule = {
  id: 'R14',
  evaluate({ placement, student }, norms) {
    if (placement.leerweg !== Leerweg.BBL || !student) return [];
    const age = ageOn(student.dateOfBirth, placement.startDate);
    // Object.keys lists integer keys in ascending numeric order, youngest age first.
    const ages = Object.keys(norms.minimumWageCentsPerHourByAge).map(Number);
    const applicable = ages.filter((a) => a <= age).at(-1) ?? ages[0];
    const minimumHourly = norms.minimumWageCentsPerHourByAge[applicable];
    const neededMonthly = Math.ceil(minimumHourly * placement.hoursPerWeek * WEEKS_PER_MONTH);
    return placement.stipendMonthlyCents < neededMonthly
      ? [
          {
            field: 'stipendMonthlyCents',
            message: `A BBL student of ${age} earns at least ${euros(minimumHourly)} an hour: ${euros(neededMonthly)} a month at ${placement.hoursPerWeek} h a week`,
            details: { age, minimumHourlyCents: minimumHourly, neededMonthlyCents: neededMonthly },
          },
        ]
      : [];
  },
};
