import { euros, type Rule } from './rule';

/** R16: the same placement pays the same allowance whatever the student's education level. */
export const equalAllowanceRule: Rule = {
  id: 'R16',
  evaluate({ placement, siblings }) {
    const perHour = placement.stipendMonthlyCents / placement.hoursPerWeek;
    const richer = siblings?.filter((s) => s.level !== placement.level && s.stipendMonthlyCents / s.hoursPerWeek > perHour) ?? [];
    return richer.length
      ? [
          {
            field: 'stipendMonthlyCents',
            message: `The same work at level ${richer[0].level} pays more (${euros(richer[0].stipendMonthlyCents)} a month); pay the same allowance at every level`,
            details: { levels: richer.map((s) => s.level) },
          },
        ]
      : [];
  },
};
