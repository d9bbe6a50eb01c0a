import { validateDailyChecks } from './daily-run';

const check = (name: string, order: number) => ({ name, order, check: { run: async () => undefined } });

describe('the daily checks modules declare', () => {
  it('run in their declared order, whatever order the modules were loaded in', () => {
    expect(validateDailyChecks([check('c', 30), check('a', 10), check('b', 20)]).map(({ name }) => name)).toEqual(['a', 'b', 'c']);
  });

  it('refuse to boot when two share a position or a name', () => {
    expect(() => validateDailyChecks([check('a', 10), check('b', 10)])).toThrow('Daily checks a and b share the order 10');
    expect(() => validateDailyChecks([check('a', 10), check('a', 20)])).toThrow('Daily checks a and a share the name a');
  });

  it('refuse a position that is not a whole number', () => {
    expect(() => validateDailyChecks([check('a', 1.5)])).toThrow('Daily check a: order must be an integer');
  });
});
