import { Leerweg } from '../../../common/qualification';
import type { Rule } from './rule';

/** R13: a BOL placement declares an expense allowance covering the student's costs. */
export const expenseAllowanceRule: Rule = {
  id: 'R13',
  evaluate({ placement }) {
    return placement.leerweg === Leerweg.BOL && placement.expenseAllowanceCents <= 0
      ? [{ field: 'expenseAllowanceCents', message: 'Declare an expense allowance that covers the student’s costs (travel, clothing, tools)' }]
      : [];
  },
};
