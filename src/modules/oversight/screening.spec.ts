import { fisherExactTwoSided } from './fisher';
import { screenCompanies, ScreeningStatus } from './screening';
import { detectableImpactRatio, effectiveLevel, katzInterval } from './statistics';

const fair = (id: string) => ({ companyId: id, cells: [{ group: 'NONE', observations: 100, accepted: 60 }, { group: 'NON_WESTERN', observations: 100, accepted: 60 }] });
/** 60/100 against 43/100: impact ratio 0.717, Fisher p = 0.0233. */
const unequal = (id: string) => ({ companyId: id, cells: [{ group: 'NONE', observations: 100, accepted: 60 }, { group: 'NON_WESTERN', observations: 100, accepted: 43 }] });

describe('screening companies (R23)', () => {
  it('flags a company below 0.8 whose test is significant, with its interval and q-value', () => {
    const [company] = screenCompanies([unequal('a')]);
    expect(company.status).toBe(ScreeningStatus.FLAGGED);
    expect(company.lowestImpactRatio).toBeCloseTo(0.7167, 4);
    expect(company.lowestImpactRatioInterval!.low).toBeCloseTo(0.5434663, 6);
    expect(company.lowestImpactRatioInterval!.high).toBeCloseTo(0.9450652, 6);
    expect(company.pValue).toBeCloseTo(0.023349, 5);
    expect(company.qValue).toBeCloseTo(0.023349, 5);
  });

  it('puts it on WATCH when nine fair companies are tested beside it: p = 0.023 is not a discovery among ten', () => {
    const screened = screenCompanies([unequal('a'), ...Array.from({ length: 9 }, (_, i) => fair(`f${i}`))]);
    expect(screened[0].status).toBe(ScreeningStatus.WATCH);
    expect(screened[0].qValue).toBeCloseTo(0.23349, 4);
    expect(screened.slice(1).every((company) => company.status === ScreeningStatus.CLEAR)).toBe(true);
  });

  it('takes the false discovery rate it is given', () => {
    const screened = screenCompanies([unequal('a'), ...Array.from({ length: 9 }, (_, i) => fair(`f${i}`))], 0.25);
    expect(screened[0].status).toBe(ScreeningStatus.FLAGGED);
  });

  it('does not flag a significant difference above 0.8, and clears a fair company', () => {
    const mild = { companyId: 'm', cells: [{ group: 'NONE', observations: 2000, accepted: 1200 }, { group: 'NON_WESTERN', observations: 2000, accepted: 1020 }] };
    const [company, other] = screenCompanies([mild, fair('f')]);
    expect(company.lowestImpactRatio).toBeCloseTo(0.85, 6);
    expect(company.qValue!).toBeLessThan(0.001);
    expect(company.status).toBe(ScreeningStatus.CLEAR);
    expect(other.status).toBe(ScreeningStatus.CLEAR);
  });

  it('does not compare a company with fewer than two shown groups, and leaves it out of the correction', () => {
    const oneGroup = { companyId: 'o', cells: [{ group: 'NONE', observations: 200, accepted: 100 }, { group: 'NON_WESTERN', observations: 9, accepted: 0 }] };
    const [company, flagged] = screenCompanies([oneGroup, unequal('a')]);
    expect(company).toMatchObject({ status: ScreeningStatus.NOT_COMPARED, pValue: null, qValue: null, detectableImpactRatio: null, underpowered: false });
    // Only one company was tested, so its q-value is its p-value.
    expect(flagged.qValue).toBeCloseTo(flagged.pValue!, 12);
  });

  it('says when a clear company had too little data to detect a ratio of 0.8', () => {
    const small = { companyId: 's', cells: [{ group: 'NONE', observations: 30, accepted: 18 }, { group: 'NON_WESTERN', observations: 12, accepted: 7 }] };
    const large = { companyId: 'l', cells: [{ group: 'NONE', observations: 3000, accepted: 1800 }, { group: 'NON_WESTERN', observations: 1000, accepted: 600 }] };
    const [smallOne, largeOne] = screenCompanies([small, large]);
    expect(smallOne.status).toBe(ScreeningStatus.CLEAR);
    expect(smallOne.underpowered).toBe(true);
    expect(largeOne.underpowered).toBe(false);
    expect(largeOne.detectableImpactRatio!).toBeGreaterThan(0.8);
    expect(smallOne.detectableImpactRatio === null || smallOne.detectableImpactRatio < 0.8).toBe(true);
  });

  it("corrects a company's several comparisons (Bonferroni within the company)", () => {
    const threeGroups = {
      companyId: 't',
      cells: [
        { group: 'NONE', observations: 100, accepted: 60 },
        { group: 'WESTERN', observations: 100, accepted: 43 },
        { group: 'NON_WESTERN', observations: 100, accepted: 58 },
      ],
    };
    const [company] = screenCompanies([threeGroups]);
    expect(company.pValue).toBeCloseTo(2 * 0.023349, 5);
  });

  // Issue #22: which group and which test decide, and R23's 0.8 at the boundary.
  const company = (id: string, ...cells: Array<[string, number, number]>) => ({
    companyId: id,
    cells: cells.map(([group, observations, accepted]) => ({ group, observations, accepted })),
  });

  it.each([
    [79, ScreeningStatus.FLAGGED],
    [80, ScreeningStatus.CLEAR],
    [81, ScreeningStatus.CLEAR],
  ])('puts %i of 100 beside 100 of 100 (impact ratio below 0.8 or not; every difference significant) at %s', (accepted, status) => {
    const [screened] = screenCompanies([company('a', ['NONE', 100, 100], ['NON_WESTERN', 100, accepted])]);
    expect(screened.qValue!).toBeLessThan(0.001);
    expect(screened.status).toBe(status);
  });

  it('takes the lowest impact ratio wherever it is listed, and the first of equal ones', () => {
    const [middle] = screenCompanies([company('m', ['NONE', 100, 60], ['WESTERN', 100, 30], ['NON_WESTERN', 100, 50])]);
    expect(middle.lowestImpactRatio).toBeCloseTo(0.5, 12);
    const [tied] = screenCompanies([company('t', ['NONE', 100, 60], ['WESTERN', 100, 30], ['NON_WESTERN', 50, 15])]);
    expect(tied.lowestImpactRatioInterval).toEqual(katzInterval(30, 100, 60, 100));
  });

  it('tests only the adverse groups when there are any: a significant but mild difference does not decide', () => {
    // WESTERN (0.85, n = 2000) differs far more significantly than NON_WESTERN (0.75, n = 250), which is the adverse one.
    const [screened] = screenCompanies([company('c', ['NONE', 2000, 1200], ['WESTERN', 2000, 1020], ['NON_WESTERN', 250, 112])]);
    expect(screened.pValue).toBeCloseTo(2 * fisherExactTwoSided(112, 138, 1200, 800), 12);
  });

  it('takes the smallest p-value of several adverse groups', () => {
    const [screened] = screenCompanies([company('c', ['NONE', 100, 60], ['WESTERN', 100, 43], ['NON_WESTERN', 100, 30])]);
    expect(screened.pValue).toBeCloseTo(2 * fisherExactTwoSided(30, 70, 60, 40), 12);
  });

  it("sets each company's level by how many companies the correction flags, a q-value exactly at q included", () => {
    const audit = [unequal('a'), unequal('b'), fair('f')];
    const q = screenCompanies(audit)[0].qValue!;
    const screened = screenCompanies(audit, q);
    expect(screened.map((one) => one.status)).toEqual([ScreeningStatus.FLAGGED, ScreeningStatus.FLAGGED, ScreeningStatus.CLEAR]);
    // Two of three flagged: every company's comparisons face q × 2 ÷ 3.
    expect(screened[0].detectableImpactRatio).toBe(detectableImpactRatio(100, 100, 0.6, effectiveLevel(q, 3, 2)));
  });

  it("compares each group with the best group's size and rate, wherever the best is listed", () => {
    const [screened] = screenCompanies([company('c', ['OTHER', 9, 9], ['NON_WESTERN', 1000, 550], ['NONE', 3000, 1800])]);
    expect(screened.detectableImpactRatio).toBe(detectableImpactRatio(1000, 3000, 0.6, 0.05));
  });

  it('takes the least sensitive comparison: the smallest detectable ratio, or none when one detects nothing', () => {
    const [both] = screenCompanies([company('c', ['NONE', 3000, 1800], ['WESTERN', 1000, 550], ['NON_WESTERN', 500, 280])]);
    expect(both.detectableImpactRatio).toBe(detectableImpactRatio(500, 3000, 0.6, 0.05));
    // NON_WESTERN's 40 decisions could not tell even no acceptance at all from NONE's 10%.
    expect(detectableImpactRatio(40, 300, 0.1, 0.05)).toBeNull();
    expect(detectableImpactRatio(300, 300, 0.1, 0.05)).not.toBeNull();
    const [one] = screenCompanies([company('c', ['NONE', 300, 30], ['WESTERN', 300, 25], ['NON_WESTERN', 40, 3])]);
    expect(one).toMatchObject({ detectableImpactRatio: null, underpowered: true });
  });
});

