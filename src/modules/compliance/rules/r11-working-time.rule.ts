import { ageOn, type Rule, type RuleFinding } from './rule';

/** R11: the Working Hours Act for the student's age on the start date (known once a student is placed). */
export const workingTimeRule: Rule = {
  id: 'R11',
  evaluate({ placement, student }, norms) {
    if (!student) return [];
    const age = ageOn(student.dateOfBirth, placement.startDate);
    const perDay = placement.hoursPerWeek / placement.daysPerWeek;
    const minor = age < 18;
    const maxDay = minor ? norms.minorMaxHoursPerDay : norms.adultMaxHoursPerDay;
    // A placement's hours are the same every week, so its 4-week average equals its weekly hours.
    const maxWeek = minor ? Math.min(norms.minorMaxHoursPerWeek, norms.minorMaxAverageHoursPerWeek) : norms.adultMaxHoursPerWeek;
    const findings: RuleFinding[] = [];
    if (perDay > maxDay) {
      findings.push({ field: 'hoursPerWeek', message: `${perDay.toFixed(1)} h a day is above the ${maxDay} h allowed at age ${age}`, details: { age, perDay, maxDay } });
    }
    if (placement.hoursPerWeek > maxWeek) {
      findings.push({
        field: 'hoursPerWeek',
        message: `${placement.hoursPerWeek} h a week is above the ${maxWeek} h allowed at age ${age}`,
        details: { age, hoursPerWeek: placement.hoursPerWeek, maxWeek },
      });
    }
    return findings;
  },
};
