import { assessGroups, Suppression, suppressionOf } from './adverse-impact';

describe('adverse-impact analysis (R23)', () => {
  it('flags an impact ratio of 0.71 and not one of 0.83', () => {
    const [best, flagged] = assessGroups([
      { group: 'NONE', observations: 100, accepted: 60 },
      { group: 'NON_WESTERN', observations: 100, accepted: 43 },
    ]);
    expect(best).toMatchObject({ impactRatio: 1, adverseImpact: false, fisherPValue: null, shortfall: 0 });
    expect(flagged.impactRatio).toBeCloseTo(0.7167, 4);
    expect(flagged).toMatchObject({ adverseImpact: true, significant: true, shortfall: 17 });

    const [, passes] = assessGroups([
      { group: 'NONE', observations: 100, accepted: 60 },
      { group: 'NON_WESTERN', observations: 100, accepted: 50 },
    ]);
    expect(passes.impactRatio).toBeCloseTo(0.8333, 4);
    expect(passes.adverseImpact).toBe(false);
  });

  it("reports Fisher's exact p-value against the best group", () => {
    // 60/100 vs 43/100: the hypergeometric sum in exact integer arithmetic gives p = 0.023349.
    const [, flagged] = assessGroups([
      { group: 'NONE', observations: 100, accepted: 60 },
      { group: 'NON_WESTERN', observations: 100, accepted: 43 },
    ]);
    expect(flagged.fisherPValue).toBeCloseTo(0.023349, 5);
  });

  it('suppresses a cell of 9 observations and shows one of 10', () => {
    expect(suppressionOf(9, 1000)).toBe(Suppression.FEWER_THAN_10_OBSERVATIONS);
    expect(suppressionOf(10, 100)).toBeNull();
    const [, nine] = assessGroups([
      { group: 'FEMALE', observations: 91, accepted: 50 },
      { group: 'OTHER', observations: 9, accepted: 0 },
    ]);
    expect(nine).toMatchObject({ suppressed: Suppression.FEWER_THAN_10_OBSERVATIONS, observations: null, acceptanceRate: null, adverseImpact: false });
    const [, ten] = assessGroups([
      { group: 'FEMALE', observations: 90, accepted: 50 },
      { group: 'OTHER', observations: 10, accepted: 0 },
    ]);
    expect(ten).toMatchObject({ suppressed: null, observations: 10, accepted: 0, impactRatio: 0, adverseImpact: true });
  });

  it('suppresses a group under 5% of the sample, however large, and leaves it out of the comparison', () => {
    const groups = assessGroups([
      { group: 'NONE', observations: 500, accepted: 200 },
      { group: 'WESTERN', observations: 24, accepted: 24 },
      { group: 'NON_WESTERN', observations: 476, accepted: 180 },
    ]);
    expect(groups[1].suppressed).toBe(Suppression.UNDER_5_PERCENT_OF_SAMPLE);
    // The best shown group is NONE (0.40), not the suppressed WESTERN (1.00).
    expect(groups[0].impactRatio).toBe(1);
    expect(groups[2].impactRatio).toBeCloseTo(180 / 476 / 0.4, 6);
  });

  it('has no ratio when no group had an acceptance, and no flag', () => {
    const groups = assessGroups([
      { group: 'MALE', observations: 20, accepted: 0 },
      { group: 'FEMALE', observations: 20, accepted: 0 },
    ]);
    expect(groups.map((group) => [group.impactRatio, group.adverseImpact])).toEqual([[null, false], [null, false]]);
  });

  // Issue #22: R23's thresholds at the boundary, one below and one above.
  it.each([
    [79, true],
    [80, false],
    [81, false],
  ])('flags %i of 100 accepted beside 100 of 100 (ratio below 0.8): %s', (accepted, adverse) => {
    const [best, group] = assessGroups([
      { group: 'NONE', observations: 100, accepted: 100 },
      { group: 'NON_WESTERN', observations: 100, accepted },
    ]);
    expect(group.impactRatio).toBe(accepted / 100);
    expect(group.adverseImpact).toBe(adverse);
    expect(best).toMatchObject({ adverseImpact: false, significant: false, impactRatioInterval: null, fisherPValue: null });
  });

  it.each([
    [10, 200, null],
    [10, 201, Suppression.UNDER_5_PERCENT_OF_SAMPLE],
    [11, 200, null],
  ])('withholds a group of %i in a sample of %i only under 5%', (observations, sampleSize, expected) => {
    expect(suppressionOf(observations, sampleSize)).toBe(expected);
  });

  it('takes the best group wherever it is listed, and the first of equal rates', () => {
    const [lower, best] = assessGroups([
      { group: 'NON_WESTERN', observations: 100, accepted: 43 },
      { group: 'NONE', observations: 100, accepted: 60 },
    ]);
    expect(lower.impactRatio).toBeCloseTo(43 / 60, 12);
    expect(lower.impactRatioInterval!.low).toBeCloseTo(0.5434663, 6);
    expect(best).toMatchObject({ impactRatio: 1, fisherPValue: null, impactRatioInterval: null });

    const [first, second] = assessGroups([
      { group: 'MALE', observations: 100, accepted: 60 },
      { group: 'FEMALE', observations: 50, accepted: 30 },
    ]);
    expect(first.fisherPValue).toBeNull();
    expect(second.fisherPValue).toBeCloseTo(1, 12);
    expect(second.significant).toBe(false);
  });

  it('gives a withheld group no flag and no significance, and groups without acceptances no interval', () => {
    const [, withheld] = assessGroups([
      { group: 'NONE', observations: 100, accepted: 90 },
      { group: 'OTHER', observations: 9, accepted: 0 },
    ]);
    expect(withheld).toMatchObject({ adverseImpact: false, significant: false, fisherPValue: null, impactRatioInterval: null });
    const groups = assessGroups([
      { group: 'MALE', observations: 20, accepted: 0 },
      { group: 'FEMALE', observations: 20, accepted: 0 },
    ]);
    expect(groups.map((group) => group.impactRatioInterval)).toEqual([null, null]);
    expect(groups.map((group) => group.significant)).toEqual([false, false]);
  });
});

