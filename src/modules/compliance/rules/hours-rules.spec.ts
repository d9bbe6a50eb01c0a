import { Leerweg } from '../../../common/qualification';
import { DEFAULT_NORMS } from '../testing/compliance-context';
import { HOURS_RULES } from '.';
import type { ActualHoursContext, RuleId } from './rule';

/**
 * The rules on actual hours (issue #17) at their boundaries: the value at the limit, just below
 * and just above, for a student of 16 and one of 19 (R11), BOL's soft cap (R12), the POK's weekly
 * hours (R8) and BBL's yearly minimum (R10). The internship runs 1 February – 30 June 2027.
 */
const week = (weekStart: string, hoursPerDay: number[], approved = true) => ({ weekStart, hoursPerDay, totalHours: hoursPerDay.reduce((a, b) => a + b, 0), approved });
const MINOR = '2010-09-01';
const ADULT = '2007-11-20';
const hoursContext = (change: Partial<ActualHoursContext>): ActualHoursContext => ({
  leerweg: Leerweg.BOL,
  dateOfBirth: ADULT,
  startDate: '2027-02-01',
  endDate: '2027-06-30',
  pokHoursPerWeek: 32,
  today: '2027-03-01',
  weeks: [],
  ...change,
});
const findingsOf = (context: ActualHoursContext, id: RuleId) => HOURS_RULES.find((rule) => rule.id === id)!.evaluate(context, DEFAULT_NORMS);

describe('R11 on actual hours: a day is a shift; the week; under 18 the four-week average', () => {
  it.each([
    ['16, 9 h a day', 0, MINOR, [9, 9, 9, 0, 0, 0, 0]],
    ['16, 9.25 h a day', 1, MINOR, [9.25, 8, 8, 0, 0, 0, 0]],
    ['16, 45 h a week', 0, MINOR, [9, 9, 9, 9, 9, 0, 0]],
    ['16, 45.5 h a week', 1, MINOR, [9, 9, 9, 9, 9, 0.5, 0]],
    ['19, 12 h a day and 60 h a week', 0, ADULT, [12, 12, 12, 12, 12, 0, 0]],
    ['19, 12.5 h a day', 1, ADULT, [12.5, 0, 0, 0, 0, 0, 0]],
    ['19, 60.5 h a week', 1, ADULT, [12, 12, 12, 12, 12, 0.5, 0]],
  ])('%s → %i finding(s)', (_name, count, dateOfBirth, hoursPerDay) => {
    expect(findingsOf(hoursContext({ dateOfBirth, weeks: [week('2027-02-08', hoursPerDay)] }), 'R11')).toHaveLength(count);
  });

  it('names the day or the week, the hours, the limit and her age', () => {
    expect(findingsOf(hoursContext({ dateOfBirth: MINOR, weeks: [week('2027-02-08', [9.25, 8, 8, 0, 0, 0, 0])] }), 'R11')).toEqual([
      { field: 'hoursPerDay', message: expect.any(String), details: { weekStart: '2027-02-08', date: '2027-02-08', hours: 9.25, maxDay: 9, age: 16 } },
    ]);
    expect(findingsOf(hoursContext({ dateOfBirth: ADULT, weeks: [week('2027-02-08', [12, 12, 12, 12, 12, 0.5, 0])] }), 'R11')).toEqual([
      { field: 'hoursPerDay', message: expect.any(String), details: { weekStart: '2027-02-08', totalHours: 60.5, maxWeek: 60, age: 19 } },
    ]);
  });

  it('judges weeks not yet approved too: her own declaration is flagged at once', () => {
    expect(findingsOf(hoursContext({ dateOfBirth: MINOR, weeks: [week('2027-02-08', [10, 0, 0, 0, 0, 0, 0], false)] }), 'R11')).toHaveLength(1);
  });

  it('under 18: above 40 h on average over four consecutive logged weeks, not at 40, not over three', () => {
    const weeks = (last: number) => [week('2027-02-01', [8, 8, 8, 8, 8, 0, 0]), week('2027-02-08', [8, 8, 8, 8, 8, 0, 0]), week('2027-02-15', [8, 8, 8, 8, 8, 0, 0]), week('2027-02-22', [9, 9, 9, 9, last, 0, 0])];
    expect(findingsOf(hoursContext({ dateOfBirth: MINOR, weeks: weeks(4) }), 'R11')).toEqual([]);
    const above = findingsOf(hoursContext({ dateOfBirth: MINOR, weeks: weeks(5) }), 'R11');
    expect(above).toEqual([expect.objectContaining({ details: expect.objectContaining({ weekStart: '2027-02-22', averageHours: 40.25 }) })]);
    expect(findingsOf(hoursContext({ dateOfBirth: ADULT, weeks: weeks(5) }), 'R11')).toEqual([]);
    expect(findingsOf(hoursContext({ dateOfBirth: MINOR, weeks: weeks(5).filter((w) => w.weekStart !== '2027-02-08') }), 'R11')).toEqual([]);
  });

  it('by her age on the week: the week she turns 18 the adult limits apply', () => {
    const turning = '2009-02-08';
    expect(findingsOf(hoursContext({ dateOfBirth: turning, weeks: [week('2027-02-01', [10, 0, 0, 0, 0, 0, 0])] }), 'R11')).toHaveLength(1);
    expect(findingsOf(hoursContext({ dateOfBirth: turning, weeks: [week('2027-02-08', [10, 0, 0, 0, 0, 0, 0])] }), 'R11')).toEqual([]);
  });
});

describe('R12 and R8 on approved weeks', () => {
  it.each([
    [32, 0, undefined],
    [32.5, 1, 'WARN'],
    [40, 1, 'WARN'],
    [40.5, 1, undefined],
  ])('BOL, %d h approved → %i finding(s), severity %s (undefined: the norm set’s)', (hours, count, severity) => {
    const findings = findingsOf(hoursContext({ weeks: [week('2027-02-08', [hours, 0, 0, 0, 0, 0, 0])] }), 'R12');
    expect(findings).toHaveLength(count);
    if (count) expect(findings[0].severity).toBe(severity);
  });

  it('names the week and its hours', () => {
    expect(findingsOf(hoursContext({ weeks: [week('2027-02-08', [40.5, 0, 0, 0, 0, 0, 0])] }), 'R12')).toEqual([
      { field: 'hours', message: expect.any(String), details: { weekStart: '2027-02-08', totalHours: 40.5 } },
    ]);
    expect(findingsOf(hoursContext({ weeks: [week('2027-02-08', [33, 0, 0, 0, 0, 0, 0])] }), 'R12')).toEqual([
      { field: 'hours', message: expect.any(String), details: { weekStart: '2027-02-08', totalHours: 33 }, severity: 'WARN' },
    ]);
    expect(findingsOf(hoursContext({ weeks: [week('2027-02-08', [32.5, 0, 0, 0, 0, 0, 0]), week('2027-02-15', [30, 0, 0, 0, 0, 0, 0])] }), 'R8')).toEqual([
      { field: 'hours', message: expect.any(String), details: { weekStart: '2027-02-08', totalHours: 32.5, pokHoursPerWeek: 32 } },
    ]);
    expect(findingsOf(hoursContext({ weeks: [week('2027-02-08', [40, 0, 0, 0, 0, 0, 0], false)] }), 'R8')).toEqual([]);
  });

  it('judges only approved weeks, and BOL only', () => {
    expect(findingsOf(hoursContext({ weeks: [week('2027-02-08', [45, 0, 0, 0, 0, 0, 0], false)] }), 'R12')).toEqual([]);
    expect(findingsOf(hoursContext({ leerweg: Leerweg.BBL, weeks: [week('2027-02-08', [45, 0, 0, 0, 0, 0, 0])] }), 'R12')).toEqual([]);
  });

  it.each([
    [32, 0],
    [32.5, 1],
  ])('R8: %d h approved against the POK’s 32 → %i finding(s)', (hours, count) => {
    expect(findingsOf(hoursContext({ weeks: [week('2027-02-08', [hours, 0, 0, 0, 0, 0, 0])] }), 'R8')).toHaveLength(count);
  });
});

describe('R10 on actual hours: BBL, once the period is over', () => {
  // 1 February – 30 June is 150 days; 610 h a year over 40 weeks needs 15.25 h a week, 326.8 h in all.
  const bbl = (hours: number, today = '2027-07-01') => hoursContext({ leerweg: Leerweg.BBL, today, weeks: [week('2027-02-01', [hours, 0, 0, 0, 0, 0, 0])] });
  it.each([
    [320, 1],
    [330, 0],
  ])('%d approved hours → %i finding(s)', (hours, count) => {
    expect(findingsOf(bbl(hours), 'R10')).toHaveLength(count);
  });

  it('counts approved weeks only, names the yearly rate and the minimum, and passes at the minimum exactly', () => {
    // 150 days are 150/7 weeks; 40 study weeks a year: 610 h a year needs 326.79 h, rounded per year.
    expect(findingsOf(bbl(320), 'R10')).toEqual([
      { field: 'hours', message: expect.any(String), details: { approvedHours: 320, hoursPerYear: 597, minimum: 610 } },
    ]);
    const withUnapproved = hoursContext({ leerweg: Leerweg.BBL, today: '2027-07-01', weeks: [week('2027-02-01', [320, 0, 0, 0, 0, 0, 0]), week('2027-02-08', [40, 0, 0, 0, 0, 0, 0], false)] });
    expect(findingsOf(withUnapproved, 'R10')).toHaveLength(1);
    const exactly = (610 * 150) / 7 / 40; // approved hours whose yearly rate rounds to exactly 610
    expect(findingsOf(bbl(exactly), 'R10')).toEqual([]);
  });

  it('not before the period is over, and not for BOL', () => {
    expect(findingsOf(bbl(0, '2027-06-30'), 'R10')).toEqual([]);
    expect(findingsOf({ ...bbl(0), leerweg: Leerweg.BOL }, 'R10')).toEqual([]);
  });
});
