import { addDays, addMonths, addYears } from '../../common/calendar';
import { reapplicableFrom, reviewDueOn, studentWindowStart } from './accreditation-dates';

describe('accreditation dates (R3)', () => {
  describe('six months after a refusal', () => {
    it('clamps 31 August to the last day of February', () => {
      expect(reapplicableFrom('2026-08-31')).toBe('2027-02-28');
      expect(reapplicableFrom('2027-08-31')).toBe('2028-02-29'); // 2028 is a leap year
    });

    it('keeps the day of the month when the target month has it', () => {
      expect(reapplicableFrom('2026-01-15')).toBe('2026-07-15');
      expect(reapplicableFrom('2026-07-31')).toBe('2027-01-31');
      expect(reapplicableFrom('2026-12-31')).toBe('2027-06-30');
    });
  });

  describe('four years from 29 February', () => {
    it('lands on 29 February when the target year is a leap year', () => {
      expect(reviewDueOn('2024-02-29')).toBe('2028-02-29');
      expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    });

    it('clamps to 28 February otherwise', () => {
      expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
      expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
      expect(studentWindowStart('2029-02-28')).toBe('2025-02-28');
    });

    it('counts back four years for the student window', () => {
      expect(studentWindowStart('2028-02-29')).toBe('2024-02-29');
      expect(studentWindowStart('2026-11-23')).toBe('2022-11-23');
    });
  });

  it('adds months across year boundaries in both directions', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
  });

  it('adds days across month and leap-day boundaries', () => {
    expect(addDays('2027-02-28', -1)).toBe('2027-02-27');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-11-23', 30)).toBe('2026-12-23');
  });

  it('refuses something that is not a date', () => {
    expect(() => addMonths('31-08-2026', 6)).toThrow('not a YYYY-MM-DD date');
  });
});
