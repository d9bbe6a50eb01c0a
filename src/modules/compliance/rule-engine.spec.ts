import { Leerweg } from '../../common/qualification';
import { Sector } from '../organizations/sector';
import { evaluateCompliance } from './rule-engine';
import { registerRuleForTest } from './rules';
import { context, DEFAULT_NORMS, findingsOf } from './testing/compliance-context';

describe('compliance rules', () => {
  it('accepts the baseline placement', () => {
    expect(evaluateCompliance(context(), DEFAULT_NORMS)).toEqual({ verdict: 'COMPLIANT', findings: [] });
  });

  describe('R15 stipend floor (€400 at 40 h, pro rata)', () => {
    it.each([
      [40, 40000, 0],
      [40, 39999, 1],
      [32, 32000, 0],
      [32, 31999, 1],
      [24, 24000, 0],
      [24, 23999, 1],
    ])('%i h with %i cents → %i finding(s)', (hoursPerWeek, stipendMonthlyCents, count) => {
      const findings = findingsOf(context({ placement: { hoursPerWeek, stipendMonthlyCents } }), 'R15');
      expect(findings).toHaveLength(count);
      if (count) {
        expect(findings[0]).toMatchObject({ severity: 'BLOCK', field: 'stipendMonthlyCents', details: { floorCents: hoursPerWeek * 1000, shortCents: 1 } });
      }
    });

    it('does not apply to BBL (R14 does)', () => {
      expect(findingsOf(context({ placement: { leerweg: Leerweg.BBL, stipendMonthlyCents: 0 } }), 'R15')).toEqual([]);
    });
  });

  describe('R12 BOL hours', () => {
    it.each([
      [32, []],
      [33, ['WARN']],
      [40, ['WARN']],
      [41, ['BLOCK']],
    ])('%i h a week → %j', (hoursPerWeek, severities) => {
      const c = context({ placement: { hoursPerWeek, stipendMonthlyCents: 100000 } });
      expect(findingsOf(c, 'R12').map((f) => f.severity)).toEqual(severities);
    });
  });

  describe('R11 working time by age on the start date', () => {
    const seventeen = { crebo: '25655', dateOfBirth: '2009-06-01' };
    const eighteen = { crebo: '25655', dateOfBirth: '2009-02-01' };
    it('refuses 41 h a week for a 17-year-old', () => {
      const findings = findingsOf(context({ placement: { hoursPerWeek: 41, daysPerWeek: 5, stipendMonthlyCents: 100000 }, student: seventeen }), 'R11');
      expect(findings).toEqual([expect.objectContaining({ severity: 'BLOCK', field: 'hoursPerWeek', details: expect.objectContaining({ age: 17, maxWeek: 40 }) })]);
    });
    it('allows 40 h a week for a 17-year-old, and 41 on her 18th birthday', () => {
      expect(findingsOf(context({ placement: { hoursPerWeek: 40, daysPerWeek: 5 }, student: seventeen }), 'R11')).toEqual([]);
      expect(findingsOf(context({ placement: { hoursPerWeek: 41, daysPerWeek: 5 }, student: eighteen }), 'R11')).toEqual([]);
    });
    it('refuses more than 9 h a day under 18', () => {
      expect(findingsOf(context({ placement: { hoursPerWeek: 38, daysPerWeek: 4 }, student: seventeen }), 'R11')).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ perDay: 9.5, maxDay: 9 }) }),
      ]);
    });
  });

  describe('R6 trainer capacity (3 by default)', () => {
    it.each([
      [2, 0],
      [3, 1],
    ])('a trainer with %i students already takes a new one with %i finding(s)', (activeStudents, count) => {
      expect(findingsOf(context({ trainer: { activeStudents } }), 'R6')).toHaveLength(count);
    });
  });

  describe('R1 accreditation valid on the start date', () => {
    it.each([
      ['ends the day before the start', { validUntil: '2027-01-31' }, 1],
      ['ends on the start date', { validUntil: '2027-02-01' }, 0],
      ['is granted after the start', { grantedOn: '2027-02-02' }, 1],
      ['is revoked', { status: 'REVOKED' }, 1],
    ])('an accreditation that %s → %i finding(s)', (_name, change, count) => {
      const accreditations = [{ crebo: '25655', status: 'ACTIVE', grantedOn: '2023-09-01', validUntil: null, ...change }];
      expect(findingsOf(context({ accreditations }), 'R1')).toHaveLength(count);
    });
    it('checks the student’s crebo once she is known', () => {
      expect(findingsOf(context({ student: { crebo: '25180', dateOfBirth: '2007-01-01' } }), 'R1')[0].details).toEqual({ crebo: '25180', startDate: '2027-02-01' });
    });
  });

  describe('R5 and R7 praktijkopleider', () => {
    it('needs a trainer of the same company', () => {
      expect(findingsOf(context({ trainer: null }), 'R5')).toHaveLength(1);
      expect(findingsOf(context({ trainer: { companyId: 'other' } }), 'R5')).toHaveLength(1);
    });
    it.each([
      [Sector.HANDEL, { qualificationLevel: 2 }, ['BLOCK']],
      [Sector.HANDEL, { qualificationLevel: 3 }, []],
      [Sector.VOEDSEL_GROEN_GASTVRIJHEID, { yearsOfExperience: 0 }, ['BLOCK']],
      [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { courseCompletedOn: '2025-02-01' }, []],
      [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { courseCompletedOn: '2025-01-31' }, ['BLOCK']],
      [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { courseCompletedOn: null }, ['BLOCK']],
      [Sector.TECHNIEK_GEBOUWDE_OMGEVING, { courseCompletedOn: '2020-01-01', refresherCompletedOn: '2026-01-01' }, []],
      [Sector.ICT_CREATIEVE_INDUSTRIE, { sectorTrainingDeadline: '2027-03-01' }, []],
      [Sector.ICT_CREATIEVE_INDUSTRIE, { sectorTrainingDeadline: '2027-01-31' }, ['BLOCK']],
      [Sector.ZORG_WELZIJN_SPORT, { qualificationLevel: 2 }, ['WARN']],
    ])('%s with %j → %j', (sector, trainer, severities) => {
      expect(findingsOf(context({ sector, trainer }), 'R7').map((f) => f.severity)).toEqual(severities);
    });
  });

  describe('R13, R14, R10, R16', () => {
    it('R13: a BOL placement without an expense allowance is blocked', () => {
      expect(findingsOf(context({ placement: { expenseAllowanceCents: 0 } }), 'R13')).toHaveLength(1);
    });
    it('R14: BBL pays the youth minimum wage for the age (17: €5.81 an hour)', () => {
      const bbl = (stipendMonthlyCents: number) =>
        context({ placement: { leerweg: Leerweg.BBL, hoursPerWeek: 32, stipendMonthlyCents }, student: { crebo: '25655', dateOfBirth: '2009-06-01' } });
      const needed = Math.ceil(581 * 32 * (52 / 12));
      expect(findingsOf(bbl(needed), 'R14')).toEqual([]);
      expect(findingsOf(bbl(needed - 1), 'R14')[0].details).toMatchObject({ age: 17, neededMonthlyCents: needed });
    });
    it('R10: BBL needs 610 practice hours a year (warning)', () => {
      const bbl = (hoursPerWeek: number) => findingsOf(context({ placement: { leerweg: Leerweg.BBL, hoursPerWeek, stipendMonthlyCents: 200000 } }), 'R10');
      expect(bbl(15)).toEqual([expect.objectContaining({ severity: 'WARN' })]);
      expect(bbl(16)).toEqual([]);
    });
    it('R16: the same work at another level may not pay more per hour', () => {
      expect(findingsOf(context({ siblings: [{ level: 4, hoursPerWeek: 32, stipendMonthlyCents: 50000 }] }), 'R16')).toHaveLength(1);
      expect(findingsOf(context({ siblings: [{ level: 4, hoursPerWeek: 32, stipendMonthlyCents: 40000 }] }), 'R16')).toEqual([]);
    });
  });

  it('takes severities from the norm set', () => {
    const norms = { ...DEFAULT_NORMS, severities: { ...DEFAULT_NORMS.severities, R15: 'WARN' as const } };
    expect(evaluateCompliance(context({ placement: { stipendMonthlyCents: 0 } }), norms).verdict).toBe('WARNINGS');
  });
});

describe('the rule registry', () => {
  it('gives a new rule its registry default severity where the norm set names none', () => {
    const unregister = registerRuleForTest({ id: 'R90', evaluate: () => [{ field: 'crebos', message: 'new' }] }, 'BLOCK');
    try {
      expect(DEFAULT_NORMS.severities).not.toHaveProperty('R90');
      expect(evaluateCompliance(context(), DEFAULT_NORMS)).toEqual({
        verdict: 'BLOCKED',
        findings: [expect.objectContaining({ rule: 'R90', severity: 'BLOCK' })],
      });
      const softened = { ...DEFAULT_NORMS, severities: { ...DEFAULT_NORMS.severities, R90: 'WARN' as const } };
      expect(evaluateCompliance(context(), softened).verdict).toBe('WARNINGS');
    } finally {
      unregister();
    }
  });
});
