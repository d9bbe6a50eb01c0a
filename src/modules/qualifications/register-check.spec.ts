import { blindPriority } from '../matching/blind-priority';
import { qualificationCodesRule } from '../compliance/rules/r04-qualification-codes.rule';
import { multiRegisterProblems, registerProblems, type RegisterVersion, versionOn } from './register-check';

const verzorgende = (validFrom: string, validUntil: string | null, codes = ['B1-K1-W1', 'B1-K1-W2']): RegisterVersion => ({
  crebo: '25655', name: 'Verzorgende IG', validFrom, validUntil, levels: [3], werkprocesCodes: codes,
});
const versions = [verzorgende('2016-08-01', '2026-07-31'), verzorgende('2026-08-01', null, ['B1-K1-W1', 'B1-K2-W1'])];

describe('R4 against the qualification register', () => {
  it.each([
    ['unknown crebo', { crebo: '99999', date: '2027-01-01' }, [], ['crebo']],
    ['valid on its first day', { crebo: '25655', date: '2016-08-01' }, versions, []],
    ['before any version', { crebo: '25655', date: '2016-07-31' }, versions, ['crebo']],
    ['expired (no later version)', { crebo: '25655', date: '2026-08-01' }, [versions[0]], ['crebo']],
    ['a code of the version in force', { crebo: '25655', date: '2026-07-31', werkprocessen: ['b1-k1-w2'] }, versions, []],
    ['a code of another version only', { crebo: '25655', date: '2026-08-01', werkprocessen: ['B1-K1-W2'] }, versions, ['werkprocessen.0']],
    ['free text is a note, never refused', { crebo: '25655', date: '2026-08-01', werkprocessen: ['zorgplan uitvoeren', 'B1-K2-W1'] }, versions, []],
  ] as const)('%s', (_name, subject, known, fields) => {
    expect(registerProblems(subject, known).map((p) => p.field)).toStrictEqual(fields);
  });

  it('says why: not in the register at all, or the periods it is valid in', () => {
    expect(registerProblems({ crebo: '99999', date: '2027-01-01' }, [])).toStrictEqual([{ field: 'crebo', message: 'crebo 99999 is not in the qualification register (R4)' }]);
    expect(registerProblems({ crebo: '25655', date: '2016-07-31' }, versions)[0].message).toBe(
      'crebo 25655 is not valid on 2016-07-31 (register: 2016-08-01–2026-07-31, 2026-08-01–…) (R4)',
    );
  });

  it('reads a code with spaces around it as that code', () => {
    expect(registerProblems({ crebo: '25655', date: '2027-01-01', werkprocessen: [' b1-k2-w1 '] }, versions)).toStrictEqual([]);
    expect(registerProblems({ crebo: '25655', date: '2027-01-01', werkprocessen: [' b1-k1-w2 '] }, versions)).toStrictEqual([
      { field: 'werkprocessen.0', message: 'werkproces B1-K1-W2 is not a werkproces of crebo 25655 (Verzorgende IG) (R4)' },
    ]);
  });

  it('finds the version in force by its period, open-ended or not', () => {
    expect(versionOn(versions, '2026-07-31')?.validUntil).toBe('2026-07-31');
    expect(versionOn(versions, '2099-01-01')?.validFrom).toBe('2026-08-01');
  });

  it('lets a placement take a werkproces code from any of its crebos', () => {
    const kok: RegisterVersion = { crebo: '25180', name: 'Kok', validFrom: '2016-08-01', validUntil: null, levels: [2], werkprocesCodes: ['B1-K3-W1'] };
    const of = (crebo: string) => (crebo === '25180' ? [kok] : crebo === '25655' ? versions : []);
    expect(multiRegisterProblems({ crebos: ['25655', '25180'], date: '2027-01-01', werkprocessen: ['B1-K3-W1', 'B1-K2-W1'] }, of)).toEqual([]);
    expect(multiRegisterProblems({ crebos: ['25655', '25180'], date: '2027-01-01', werkprocessen: ['B9-K9-W9'] }, of).map((p) => p.field)).toEqual(['werkprocessen.0']);
    expect(multiRegisterProblems({ crebos: ['25655', '12345'], date: '2027-01-01' }, of).map((p) => p.field)).toEqual(['crebos.1']);
  });

  it('is the compliance rule R4 when the facts carry the register, and only then', () => {
    const placement = { companyId: 'c', crebos: ['25655'], level: 3, leerweg: 'BOL', startDate: '2026-09-01', endDate: '2027-01-31', daysPerWeek: 4, hoursPerWeek: 32, stipendMonthlyCents: 0, expenseAllowanceCents: 0, werkprocessen: ['B1-K1-W2'] };
    const context = { placement, sector: 'ZORG_WELZIJN_SPORT', accreditations: [], trainer: null } as never;
    expect(qualificationCodesRule.evaluate(context, {} as never)).toEqual([]);
    const judged = qualificationCodesRule.evaluate({ ...(context as object), register: { '25655': versions } } as never, {} as never);
    expect(judged).toEqual([expect.objectContaining({ field: 'werkprocessen', message: expect.stringContaining('B1-K1-W2') })]);
    expect(qualificationCodesRule.evaluate({ ...(context as object), register: {} } as never, {} as never)).toStrictEqual([
      { field: 'crebos', message: 'crebo 25655 is not in the qualification register (R4)' },
    ]);
    // A malformed crebo is a shape finding only, not also a register one.
    const malformed = { ...(context as { placement: object }), placement: { ...placement, crebos: ['2565'], werkprocessen: [] }, register: {} } as never;
    expect(qualificationCodesRule.evaluate(malformed, {} as never)).toStrictEqual([{ field: 'crebos', message: 'crebo 2565 must be exactly 5 digits', details: { crebo: '2565' } }]);
  });
});

describe('the blind priority compares werkproces codes (R4)', () => {
  const placement = { title: 'Zorg', werkprocessen: ['B1-K1-W1', 'B1-K1-W2'], startDate: '2027-02-01', endDate: '2027-06-30', daysPerWeek: 4, hoursPerWeek: 32 };
  const student = { werkprocessen: ['b1-k1-w1', 'B1-K1-W2'], learningWish: 'zorg', availableFrom: '2027-02-01', availableUntil: '2027-07-15', daysPerWeek: 4, hoursPerWeek: 32 };
  it('matches a code only to the same code, whatever its case, and ignores notes beside codes', () => {
    expect(blindPriority(student, placement)).toBe(100);
    expect(blindPriority({ ...student, werkprocessen: ['B1-K1-W1', 'zorgplan uitvoeren'] }, placement)).toBe(100);
    expect(blindPriority({ ...student, werkprocessen: ['B1-K1-W3'] }, placement)).toBe(40);
    expect(blindPriority({ ...student, werkprocessen: ['B1-K1-W1', 'B2-K1-W1'] }, placement)).toBe(70);
  });
});
