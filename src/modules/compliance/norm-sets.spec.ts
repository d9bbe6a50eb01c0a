import { Sector } from '../organizations/sector';
import { mergeNorms } from './norm-sets.service';
import { NORMS_V1 } from '../../../migrations/1795450773486-ComplianceEngine';
import type { Norms } from './norms';

/** The stored version 1, the figures' one source. */
const DEFAULT_NORMS = NORMS_V1 as Norms;


describe('mergeNorms: a new norm-set version from the latest one', () => {
  it('changes only the figures given and keeps the rest', () => {
    const norms = mergeNorms(DEFAULT_NORMS, { stipendFloorCentsPerMonth: 45000, severities: [{ rule: 'R16', severity: 'BLOCK' }] });
    expect(norms).toEqual({ ...DEFAULT_NORMS, stipendFloorCentsPerMonth: 45000, severities: { ...DEFAULT_NORMS.severities, R16: 'BLOCK' } });
  });

  it('replaces the per-sector trainer limits and the wage table as a whole', () => {
    const norms = mergeNorms(DEFAULT_NORMS, {
      maxStudentsPerTrainerBySector: [{ sector: Sector.ZORG_WELZIJN_SPORT, maxStudents: 4 }],
      minimumWage: [{ age: 21, centsPerHour: 1500 }],
    });
    expect(norms.maxStudentsPerTrainerBySector).toEqual({ [Sector.ZORG_WELZIJN_SPORT]: 4 });
    expect(norms.minimumWageCentsPerHourByAge).toEqual({ 21: 1500 });
  });

  it.each([
    ['a sector twice (R6)', { maxStudentsPerTrainerBySector: [{ sector: Sector.HANDEL, maxStudents: 2 }, { sector: Sector.HANDEL, maxStudents: 3 }] }, 'input.norms.maxStudentsPerTrainerBySector'],
    ['an age twice (R14)', { minimumWage: [{ age: 18, centsPerHour: 700 }, { age: 18, centsPerHour: 800 }] }, 'input.norms.minimumWage'],
    ['an empty wage table (R14)', { minimumWage: [] }, 'input.norms.minimumWage'],
    ['a warning level above the cap (R12)', { bolWarnAboveHoursPerWeek: 41 }, 'input.norms.bolWarnAboveHoursPerWeek'],
  ])('refuses %s, naming the field', (_name, input, path) => {
    expect(() => mergeNorms(DEFAULT_NORMS, input)).toThrow(new RegExp(`^${path}: `));
  });
});
