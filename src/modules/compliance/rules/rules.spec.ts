import { Leerweg } from '../../../common/qualification';
import { Sector } from '../../organizations/sector';
import type { Norms } from '../norms';
import { evaluateCompliance } from '../rule-engine';
import { context, DEFAULT_NORMS, findingsOf } from '../testing/compliance-context';
import { defaultSeverities, effectiveSeverities, registerRuleForTest, RULES } from '.';
import { ageOn, euros } from './rule';

/**
 * Each rule's boundaries (issue #22): the value at the boundary, one below and one above, so a
 * comparison that moves by one (`<` for `<=`) or a condition that is dropped fails a case. The
 * baseline placement starts on 2027-02-01 (rule-engine.spec.ts has the rest of the fixture).
 */
const START = '2027-02-01';
const norms = (change: Partial<Norms>): Norms => ({ ...DEFAULT_NORMS, ...change });
const accreditation = (change: object = {}) => ({ crebo: '25655', status: 'ACTIVE', grantedOn: '2023-09-01', validUntil: null, ...change });

describe('R1: an accreditation for the crebo, valid on the start date', () => {
  it.each([
    ['granted the day before the start', { grantedOn: '2027-01-31' }, 0],
    ['granted on the start date', { grantedOn: START }, 0],
    ['granted the day after the start', { grantedOn: '2027-02-02' }, 1],
    ['valid until the day before the start', { validUntil: '2027-01-31' }, 1],
    ['valid until the start date', { validUntil: START }, 0],
    ['valid until the day after the start', { validUntil: '2027-02-02' }, 0],
    ['suspended', { status: 'SUSPENDED' }, 1],
    ['for another crebo', { crebo: '25180' }, 1],
  ])('an accreditation %s → %i finding(s)', (_name, change, count) => {
    expect(findingsOf(context({ accreditations: [accreditation(change)] }), 'R1')).toHaveLength(count);
  });

  it('is satisfied when one of several accreditations of the branch fits', () => {
    const accreditations = [accreditation({ crebo: '25180' }), accreditation({ status: 'REVOKED' }), accreditation({ validUntil: '2026-12-31' }), accreditation()];
    expect(findingsOf(context({ accreditations }), 'R1')).toEqual([]);
  });

  it('names each of the placement’s crebos that has no accreditation, and only those', () => {
    const findings = findingsOf(context({ placement: { crebos: ['25655', '25180', '25181'] } }), 'R1');
    expect(findings.map((f) => [f.field, f.details])).toEqual([
      ['crebos', { crebo: '25180', startDate: START }],
      ['crebos', { crebo: '25181', startDate: START }],
    ]);
  });

  it('judges the student’s crebo, not the placement’s, once she is known', () => {
    const student = { crebo: '25655', dateOfBirth: '2007-01-01' };
    expect(findingsOf(context({ placement: { crebos: ['25180'] }, accreditations: [accreditation()], student }), 'R1')).toEqual([]);
  });
});

describe('R4: five-digit crebos, level 1–4', () => {
  it.each([
    [0, 1],
    [1, 0],
    [4, 0],
    [5, 1],
  ])('level %i → %i finding(s)', (level, count) => {
    const findings = findingsOf(context({ placement: { level } }), 'R4');
    expect(findings).toHaveLength(count);
    if (count) expect(findings[0]).toMatchObject({ field: 'level', details: { level } });
  });

  it.each([
    ['2565', 1],
    ['25655', 0],
    ['256555', 1],
    ['2565a', 1],
  ])('crebo %s → %i finding(s)', (crebo, count) => {
    const findings = findingsOf(context({ placement: { crebos: [crebo] } }), 'R4');
    expect(findings).toHaveLength(count);
    if (count) expect(findings[0]).toMatchObject({ field: 'crebos', details: { crebo } });
  });
});

describe('R5: a praktijkopleider of the company', () => {
  it.each([
    ['no trainer', null, 1],
    ['a trainer of another company', { companyId: 'other' }, 1],
    ['a trainer of the company', {}, 0],
  ])('%s → %i finding(s)', (_name, trainer, count) => {
    const findings = findingsOf(context({ trainer }), 'R5');
    expect(findings.map((f) => f.field)).toEqual(count ? ['trainerId'] : []);
  });
});

describe('R6: students per praktijkopleider', () => {
  it.each([
    [Sector.ZORG_WELZIJN_SPORT, 1, 0],
    [Sector.ZORG_WELZIJN_SPORT, 2, 0],
    [Sector.ZORG_WELZIJN_SPORT, 3, 1],
    [Sector.HANDEL, 0, 0],
    [Sector.HANDEL, 1, 1],
  ])('%s, trainer already guiding %i, with HANDEL limited to 1 → %i finding(s)', (sector, activeStudents, count) => {
    const limited = norms({ maxStudentsPerTrainerBySector: { [Sector.HANDEL]: 1 } });
    const findings = findingsOf(context({ sector, trainer: { activeStudents } }), 'R6', limited);
    expect(findings).toHaveLength(count);
    if (count) expect(findings[0]).toMatchObject({ field: 'trainerId', details: { activeStudents, limit: sector === Sector.HANDEL ? 1 : 3 } });
  });

  it('has nothing to judge without a trainer (R5 finds that)', () => {
    expect(findingsOf(context({ trainer: null }), 'R6')).toEqual([]);
  });
});

describe('R7: the sector’s requirements for the praktijkopleider', () => {
  it.each([
    [Sector.HANDEL, { qualificationLevel: 2 }, ['BLOCK']],
    [Sector.HANDEL, { qualificationLevel: 3 }, []],
    [Sector.HANDEL, { qualificationLevel: 4 }, []],
    [Sector.MOBILITEIT_TRANSPORT_LOGISTIEK_MARITIEM, { qualificationLevel: 2 }, ['BLOCK']],
    [Sector.MOBILITEIT_TRANSPORT_LOGISTIEK_MARITIEM, { qualificationLevel: 3 }, []],
    [Sector.HANDEL, { yearsOfExperience: 0 }, []],
    [Sector.VOEDSEL_GROEN_GASTVRIJHEID, { yearsOfExperience: 0 }, ['BLOCK']],
    [Sector.VOEDSEL_GROEN_GASTVRIJHEID, { yearsOfExperience: 1 }, []],
    [Sector.VOEDSEL_GROEN_GASTVRIJHEID, { qualificationLevel: 1 }, []],
    // Techniek: the course or its latest refresher at most two years before the start.
    [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { courseCompletedOn: '2025-01-31' }, ['BLOCK']],
    [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { courseCompletedOn: '2025-02-01' }, []],
    [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { courseCompletedOn: '2025-02-02' }, []],
    [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { courseCompletedOn: null }, ['BLOCK']],
    [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { courseCompletedOn: null, refresherCompletedOn: '2026-09-01' }, ['BLOCK']],
    [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { courseCompletedOn: '2020-01-01', refresherCompletedOn: '2025-01-31' }, ['BLOCK']],
    [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { courseCompletedOn: '2020-01-01', refresherCompletedOn: '2025-02-01' }, []],
    [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { qualificationLevel: 1 }, []],
    // Zakelijke dienstverlening and ICT: the sector training, or a deadline not before the start.
    [Sector.ICT_CREATIEVE_INDUSTRIE, { sectorTrainingDeadline: null }, ['BLOCK']],
    [Sector.ICT_CREATIEVE_INDUSTRIE, { sectorTrainingDeadline: '2027-01-31' }, ['BLOCK']],
    [Sector.ICT_CREATIEVE_INDUSTRIE, { sectorTrainingDeadline: START }, []],
    [Sector.ICT_CREATIEVE_INDUSTRIE, { sectorTrainingDeadline: '2027-02-02' }, []],
    [Sector.ICT_CREATIEVE_INDUSTRIE, { sectorTrainingCompletedOn: '2026-05-01', sectorTrainingDeadline: '2026-06-01' }, []],
    [Sector.ZAKELIJKE_DIENSTVERLENING_VEILIGHEID, { sectorTrainingDeadline: null }, ['BLOCK']],
    [Sector.ZAKELIJKE_DIENSTVERLENING_VEILIGHEID, { sectorTrainingCompletedOn: '2026-05-01' }, []],
    [Sector.ZAKELIJKE_DIENSTVERLENING_VEILIGHEID, { sectorTrainingDeadline: START, qualificationLevel: 1 }, []],
    // Other sectors: a trainer below the qualification's level only warns.
    [Sector.ZORG_WELZIJN_SPORT, { qualificationLevel: 2 }, ['WARN']],
    [Sector.ZORG_WELZIJN_SPORT, { qualificationLevel: 3 }, []],
    [Sector.SPECIALISTISCH_VAKMANSCHAP, { qualificationLevel: 2 }, ['WARN']],
    [Sector.SPECIALISTISCH_VAKMANSCHAP, { qualificationLevel: 3 }, []],
  ])('%s with %j → %j', (sector, trainer, severities) => {
    const findings = findingsOf(context({ sector, trainer }), 'R7');
    expect(findings.map((f) => [f.field, f.severity])).toEqual(severities.map((severity) => ['trainerId', severity]));
  });

  it('names both levels when the trainer’s is too low, and the refresher date when it is too old', () => {
    expect(findingsOf(context({ sector: Sector.HANDEL, trainer: { qualificationLevel: 2 } }), 'R7')[0]).toMatchObject({
      field: 'trainerId',
      details: { trainerLevel: 2, placementLevel: 3 },
    });
    expect(findingsOf(context({ sector: Sector.TECHNIEK_GEBOUWDE_OMGEVING, trainer: { courseCompletedOn: '2024-06-01' } }), 'R7')[0].details).toEqual({ latest: '2024-06-01' });
  });

  it('has nothing to judge without a trainer (R5 finds that)', () => {
    expect(findingsOf(context({ sector: Sector.HANDEL, trainer: null }), 'R7')).toEqual([]);
  });
});

describe('R10: BBL practice hours a year at the weekly hours (40 weeks)', () => {
  // A norm set of 600 h a year puts the boundary on whole hours: 15 h a week × 40 weeks.
  const bbl = (hoursPerWeek: number, leerweg = Leerweg.BBL) =>
    findingsOf(context({ placement: { leerweg, hoursPerWeek, stipendMonthlyCents: 500000 } }), 'R10', norms({ bblMinimumBpvHoursPerYear: 600 }));

  it.each([
    [14, 1],
    [15, 0],
    [16, 0],
  ])('%i h a week → %i finding(s)', (hoursPerWeek, count) => {
    const findings = bbl(hoursPerWeek);
    expect(findings).toHaveLength(count);
    if (count) expect(findings[0]).toMatchObject({ severity: 'WARN', field: 'hoursPerWeek', details: { hoursPerYear: 560, minimum: 600 } });
  });

  it('does not apply to BOL', () => {
    expect(bbl(4, Leerweg.BOL)).toEqual([]);
  });
});

describe('R11: working time for the age on the start date', () => {
  const student = (dateOfBirth: string) => ({ crebo: '25655', dateOfBirth });
  const minor = student('2009-06-01'); // 17 on the start date
  const adult = student('1990-01-01');
  const judged = (s: { crebo: string; dateOfBirth: string }, hoursPerWeek: number, daysPerWeek: number) =>
    findingsOf(context({ placement: { hoursPerWeek, daysPerWeek, stipendMonthlyCents: 900000 }, student: s }), 'R11').map((f) => f.details);

  it.each([
    // hours per day: 9 under 18, 12 from 18
    ['17', minor, 35, 4, []],
    ['17', minor, 36, 4, []],
    ['17', minor, 37, 4, [{ age: 17, perDay: 9.25, maxDay: 9 }]],
    ['adult', adult, 44, 4, []],
    ['adult', adult, 48, 4, []],
    ['adult', adult, 49, 4, [{ age: 37, perDay: 12.25, maxDay: 12 }]],
    // hours per week: 40 under 18 (the lower of 45 and the 40-hour average), 60 from 18
    ['17', minor, 39, 5, []],
    ['17', minor, 40, 5, []],
    ['17', minor, 41, 5, [{ age: 17, hoursPerWeek: 41, maxWeek: 40 }]],
    ['adult', adult, 59, 6, []],
    ['adult', adult, 60, 6, []],
    ['adult', adult, 61, 6, [{ age: 37, hoursPerWeek: 61, maxWeek: 60 }]],
  ])('%s, %i h over %i days → %j', (_age, s, hoursPerWeek, daysPerWeek, expected) => {
    expect(judged(s, hoursPerWeek, daysPerWeek)).toEqual(expected);
  });

  it.each([
    ['the day after the start', '2009-02-02', [{ age: 17, hoursPerWeek: 41, maxWeek: 40 }]],
    ['on the start date', '2009-02-01', []],
    ['the day before the start', '2009-01-31', []],
  ])('an 18th birthday %s decides 41 h a week', (_name, dateOfBirth, expected) => {
    expect(judged(student(dateOfBirth), 41, 5)).toEqual(expected);
  });

  it('has nothing to judge before a student is known', () => {
    expect(findingsOf(context({ placement: { hoursPerWeek: 40, daysPerWeek: 1 } }), 'R11')).toEqual([]);
  });
});

describe('age on a date (R11, R14)', () => {
  it.each([
    ['2009-06-15', '2027-06-14', 17],
    ['2009-06-15', '2027-06-15', 18],
    ['2009-06-15', '2027-06-16', 18],
    ['2009-06-15', '2027-05-20', 17],
    ['2009-06-15', '2027-07-01', 18],
    ['2009-06-15', '2027-07-14', 18],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s is on %s %i', (dateOfBirth, date, age) => {
    expect(ageOn(dateOfBirth, date)).toBe(age);
  });
});

describe('R12: BOL weekly hours (warn above 32, block above 40)', () => {
  it.each([
    [Leerweg.BOL, 31, []],
    [Leerweg.BOL, 32, []],
    [Leerweg.BOL, 33, ['WARN']],
    [Leerweg.BOL, 39, ['WARN']],
    [Leerweg.BOL, 40, ['WARN']],
    [Leerweg.BOL, 41, ['BLOCK']],
    [Leerweg.BBL, 33, []],
    [Leerweg.BBL, 41, []],
  ])('%s, %i h a week → %j', (leerweg, hoursPerWeek, severities) => {
    const findings = findingsOf(context({ placement: { leerweg, hoursPerWeek, daysPerWeek: 5, stipendMonthlyCents: 900000 } }), 'R12');
    expect(findings.map((f) => f.severity)).toEqual(severities);
    findings.forEach((f) => expect(f).toMatchObject({ field: 'hoursPerWeek', details: { hoursPerWeek } }));
  });
});

describe('R13: a BOL expense allowance', () => {
  it.each([
    [Leerweg.BOL, -1, 1],
    [Leerweg.BOL, 0, 1],
    [Leerweg.BOL, 1, 0],
    [Leerweg.BBL, 0, 0],
  ])('%s with %i cents → %i finding(s)', (leerweg, expenseAllowanceCents, count) => {
    const findings = findingsOf(context({ placement: { leerweg, expenseAllowanceCents, stipendMonthlyCents: 900000 } }), 'R13');
    expect(findings).toHaveLength(count);
    if (count) expect(findings[0].field).toBe('expenseAllowanceCents');
  });
});

describe('R14: BBL pays the minimum (youth) wage for the age', () => {
  const WEEKS_PER_MONTH = 52 / 12;
  const judged = (dateOfBirth: string, stipendMonthlyCents: number, leerweg = Leerweg.BBL) =>
    findingsOf(context({ placement: { leerweg, hoursPerWeek: 32, stipendMonthlyCents }, student: { crebo: '25655', dateOfBirth } }), 'R14');
  const needed = (hourly: number) => Math.ceil(hourly * 32 * WEEKS_PER_MONTH);

  it.each([
    ['14 (below the youngest age: its wage)', '2012-06-01', 14, 441],
    ['17', '2009-06-01', 17, 581],
    ['18 on the start date', '2009-02-01', 18, 736],
    ['21', '2005-06-01', 21, 1471],
    ['30 (above the oldest age: its wage)', '1996-06-01', 30, 1471],
  ])('a student of %s: one cent short, exactly enough, one cent more', (_name, dateOfBirth, age, hourly) => {
    expect(judged(dateOfBirth, needed(hourly) - 1)).toEqual([
      expect.objectContaining({ field: 'stipendMonthlyCents', details: { age, minimumHourlyCents: hourly, neededMonthlyCents: needed(hourly) } }),
    ]);
    expect(judged(dateOfBirth, needed(hourly))).toEqual([]);
    expect(judged(dateOfBirth, needed(hourly) + 1)).toEqual([]);
  });

  it('does not judge a BOL placement on the minimum wage (R15 has its floor)', () => {
    expect(judged('2005-06-01', 40000, Leerweg.BOL)).toEqual([]);
  });

  it('waits for the student: the wage depends on her age', () => {
    expect(findingsOf(context({ placement: { leerweg: Leerweg.BBL, stipendMonthlyCents: 0 } }), 'R14')).toEqual([]);
  });
});

describe('R16: the same allowance per hour at every level', () => {
  // The placement: level 3, 32 h a week, €400 a month = 1250 cents an hour.
  it.each([
    ['another level, more per hour', { level: 4, hoursPerWeek: 16, stipendMonthlyCents: 20001 }, [4]],
    ['another level, the same per hour', { level: 4, hoursPerWeek: 16, stipendMonthlyCents: 20000 }, []],
    ['another level, less per hour', { level: 2, hoursPerWeek: 16, stipendMonthlyCents: 19999 }, []],
    ['the same level, more per hour', { level: 3, hoursPerWeek: 32, stipendMonthlyCents: 50000 }, []],
  ])('a sibling at %s → levels %j', (_name, sibling, levels) => {
    const findings = findingsOf(context({ siblings: [sibling] }), 'R16');
    expect(findings.map((f) => f.details)).toEqual(levels.length ? [{ levels }] : []);
  });

  it('names every richer level', () => {
    const siblings = [
      { level: 2, hoursPerWeek: 32, stipendMonthlyCents: 40000 },
      { level: 4, hoursPerWeek: 32, stipendMonthlyCents: 45000 },
      { level: 1, hoursPerWeek: 20, stipendMonthlyCents: 30000 },
    ];
    expect(findingsOf(context({ siblings }), 'R16')).toEqual([expect.objectContaining({ severity: 'WARN', field: 'stipendMonthlyCents', details: { levels: [4, 1] } })]);
  });

  it('has nothing to compare without siblings', () => {
    expect(findingsOf(context({ siblings: undefined }), 'R16')).toEqual([]);
    expect(findingsOf(context({ siblings: [] }), 'R16')).toEqual([]);
  });
});

describe('amounts in findings', () => {
  it.each([
    [40000, '€400.00'],
    [581, '€5.81'],
    [5, '€0.05'],
  ])('%i cents reads %s', (cents, text) => {
    expect(euros(cents)).toBe(text);
  });
});

describe('the registry', () => {
  it('gives each rule its default severity, which a norm set may override', () => {
    const defaults = defaultSeverities();
    expect(defaults).toEqual({ R1: 'BLOCK', R4: 'BLOCK', R5: 'BLOCK', R6: 'BLOCK', R7: 'BLOCK', R10: 'WARN', R11: 'BLOCK', R12: 'BLOCK', R13: 'BLOCK', R14: 'BLOCK', R15: 'BLOCK', R16: 'WARN' });
    expect(effectiveSeverities({ R10: 'BLOCK' })).toEqual({ ...defaults, R10: 'BLOCK' });
  });

  it('refuses a rule id twice, and removing a test rule twice leaves the others in place', () => {
    expect(() => registerRuleForTest({ id: 'R1', evaluate: () => [] }, 'WARN')).toThrow('R1');
    const before = RULES.map((rule) => rule.id);
    const unregister = registerRuleForTest({ id: 'R91', evaluate: () => [] }, 'WARN');
    expect(RULES.map((rule) => rule.id)).toEqual([...before, 'R91']);
    unregister();
    unregister();
    expect(RULES.map((rule) => rule.id)).toEqual(before);
  });
});

describe('the engine', () => {
  it('runs only the rules asked for', () => {
    const blocked = context({ placement: { stipendMonthlyCents: 0, expenseAllowanceCents: 0 } });
    expect(evaluateCompliance(blocked, DEFAULT_NORMS, ['R15']).findings.map((f) => f.rule)).toEqual(['R15']);
    expect(evaluateCompliance(blocked, DEFAULT_NORMS).findings.map((f) => f.rule)).toEqual(['R13', 'R15']);
  });

  it.each([
    ['no finding', {}, 'COMPLIANT'],
    ['only warnings', { hoursPerWeek: 36, stipendMonthlyCents: 36000 }, 'WARNINGS'],
    ['a blocking finding beside a warning', { hoursPerWeek: 36, stipendMonthlyCents: 0 }, 'BLOCKED'],
  ])('%s → %s', (_name, placement, verdict) => {
    expect(evaluateCompliance(context({ placement }), DEFAULT_NORMS).verdict).toBe(verdict);
  });
});
