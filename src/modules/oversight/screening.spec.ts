import { screenCompanies, ScreeningStatus } from './screening';

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
});
