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

describe('blind priority boundaries (R20: 60 werkprocessen, 30 availability, 10 learning wish)', () => {
  // The placement runs 150 days, 2027-02-01 to 2027-06-30.
  it.each<[string, Partial<BlindProfile>, Partial<PlacementWork>, number]>([
    ['no werkprocessen of her own', { werkprocessen: [] }, {}, 40],
    ['two of her three werkprocessen offered', {}, { werkprocessen: ['mise-en-place', 'gerechten bereiden'] }, 80],
    ['werkprocessen with doubled punctuation', { werkprocessen: ['mise--en--place', 'gerechten bereiden', 'hygiëne HACCP'] }, { werkprocessen: ['mise-en-place', 'gerechten bereiden', 'hygiëne HACCP'] }, 100],
    ['werkprocessen written with other capitals and punctuation', { werkprocessen: ['Mise en Place', 'GERECHTEN bereiden', 'Hygiëne HACCP'] }, {}, 100],
    ['available only after the placement ends', { availableFrom: '2027-07-01', availableUntil: '2027-12-31' }, {}, 70],
    ['available from its last day', { availableFrom: '2027-06-30' }, {}, 70],
    ['available until the day before it starts', { availableFrom: '2027-01-01', availableUntil: '2027-01-31' }, {}, 70],
    ['available for the first half (75 of 150 days)', { availableUntil: '2027-04-16' }, {}, 85],
    ['available for all of a one-day placement', {}, { startDate: '2027-03-01', endDate: '2027-03-01' }, 100],
    ['available beyond both ends', { availableFrom: '2026-09-01', availableUntil: '2027-12-31' }, {}, 100],
    ['half the hours on all the days', { hoursPerWeek: 16 }, {}, 85],
    ['more days and hours than asked', { daysPerWeek: 5, hoursPerWeek: 40 }, {}, 100],
    ['a title without a word of her wish', { learningWish: 'ervaring opdoen in de zorg' }, {}, 90],
    ['a wish that names one of two title words', { learningWish: 'Koken!' }, { title: 'Kok, restaurant' }, 90],
    ['a wish with the title in other capitals', { learningWish: 'KOK in een RESTAURANT' }, {}, 100],
    ['a title of two-letter words only', { learningWish: 'ik wil de ai doen' }, { title: 'AI en IT' }, 90],
    ['a three-letter title word she names', { learningWish: 'kok' }, { title: 'ai kok' }, 100],
  ])('%s: %j, %j → %i', (_name, studentChange, placementChange, expected) => {
    expect(blindPriority({ ...student, ...studentChange }, { ...placement, ...placementChange })).toBe(expected);
  });
});
