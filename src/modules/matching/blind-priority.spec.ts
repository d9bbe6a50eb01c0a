import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { blindPriority, type BlindProfile, type PlacementWork } from './blind-priority';

const placement: PlacementWork = {
  title: 'Kok restaurant',
  werkprocessen: ['mise-en-place', 'gerechten bereiden', 'hygiëne HACCP'],
  startDate: '2027-02-01',
  endDate: '2027-06-30',
  daysPerWeek: 4,
  hoursPerWeek: 32,
};
const student: BlindProfile = {
  werkprocessen: ['mise-en-place', 'gerechten bereiden', 'hygiëne HACCP'],
  learningWish: 'Ik wil kok worden in een restaurant',
  availableFrom: '2027-02-01',
  availableUntil: '2027-07-15',
  daysPerWeek: 4,
  hoursPerWeek: 32,
};

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourcesUnder(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('blind priority (R20, R24)', () => {
  it('gives a full fit 100 and less for fewer werkprocessen, fewer days or a shorter stay', () => {
    expect(blindPriority(student, placement)).toBe(100);
    expect(blindPriority(student, { ...placement, werkprocessen: ['mise-en-place'] })).toBe(60);
    expect(blindPriority({ ...student, daysPerWeek: 2 }, placement)).toBe(85);
    expect(blindPriority({ ...student, availableUntil: '2027-04-15' }, placement)).toBeLessThan(blindPriority(student, placement));
    expect(blindPriority({ ...student, learningWish: 'Ervaring opdoen' }, placement)).toBe(90);
  });

  it('depends on nothing but the job-related fields it is given', () => {
    const sameWork = { ...student, name: 'A. Jansen', dateOfBirth: '2008-01-01', homePostcode: '9711', schoolId: 'x' } as BlindProfile;
    expect(blindPriority(sameWork, placement)).toBe(blindPriority(student, placement));
  });

  it('lives in a module that never imports identity or protected attributes', () => {
    const offenders = sourcesUnder(__dirname)
      .filter((file) => !file.endsWith('.spec.ts'))
      .filter((file) => /from '[^']*(student-identity|protected-attribute|\/oversight\/)[^']*'/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
