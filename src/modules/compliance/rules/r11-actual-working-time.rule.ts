import { addDays, ageOn, type HoursRule, type RuleFinding } from './rule';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * R11 on actual hours (issue #17), by her age on each week's Monday: a day's hours are one shift
 * (under 18 at most the norm set's 9 h, 18+ 12 h), a week's at most 45 h (under 18) or 60 h; under
 * 18 also at most 40 h a week on average over four consecutive logged weeks. Judged on every week
 * she logged, approved or not yet: her own declaration of a shift over the legal limit is flagged
 * at once, whatever the company decides (a rejected week is left out: it is to be corrected).
 */
export const actualWorkingTimeRule: HoursRule = {
  id: 'R11',
  evaluate({ dateOfBirth, weeks }, norms) {
    const findings: RuleFinding[] = [];
    const byStart = new Map(weeks.map((week) => [week.weekStart, week]));
    for (const week of weeks) {
      const age = ageOn(dateOfBirth, week.weekStart);
      const minor = age < 18;
      const maxDay = minor ? norms.minorMaxHoursPerDay : norms.adultMaxHoursPerDay;
      const maxWeek = minor ? norms.minorMaxHoursPerWeek : norms.adultMaxHoursPerWeek;
      week.hoursPerDay.forEach((hours, day) => {
        if (hours > maxDay) {
          findings.push({
            field: 'hoursPerDay',
            message: `${hours} h on ${DAYS[day]} ${addDays(week.weekStart, day)} is above the ${maxDay} h a shift allowed at age ${age}`,
            details: { weekStart: week.weekStart, date: addDays(week.weekStart, day), hours, maxDay, age },
          });
        }
      });
      if (week.totalHours > maxWeek) {
        findings.push({
          field: 'hoursPerDay',
          message: `${week.totalHours} h in the week of ${week.weekStart} is above the ${maxWeek} h a week allowed at age ${age}`,
          details: { weekStart: week.weekStart, totalHours: week.totalHours, maxWeek, age },
        });
      }
      if (minor) {
        const four = [21, 14, 7, 0].map((back) => byStart.get(addDays(week.weekStart, -back)));
        if (four.every(Boolean)) {
          const average = four.reduce((sum, w) => sum + w!.totalHours, 0) / 4;
          if (average > norms.minorMaxAverageHoursPerWeek) {
            findings.push({
              field: 'hoursPerDay',
              message: `${average} h a week on average over the four weeks to ${week.weekStart} is above the ${norms.minorMaxAverageHoursPerWeek} h allowed at age ${age}`,
              details: { weekStart: week.weekStart, averageHours: average, maxAverage: norms.minorMaxAverageHoursPerWeek, age },
            });
          }
        }
      }
    }
    return findings;
  },
};
