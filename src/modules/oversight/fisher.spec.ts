import { fisherExactTwoSided } from './fisher';

describe("Fisher's exact test (R23)", () => {
  it.each([
    // Reference values from R's fisher.test (two-sided).
    [[3, 1, 1, 3], 0.4857],
    [[10, 0, 0, 10], 1.0825e-5],
    [[1, 9, 11, 3], 0.002759],
    [[5, 5, 5, 5], 1],
    [[0, 0, 0, 0], 1],
  ])('gives the two-sided p-value of %j', (table, expected) => {
    const [a, b, c, d] = table as number[];
    expect(fisherExactTwoSided(a, b, c, d)).toBeCloseTo(expected, 4);
  });

  it('is symmetric in the groups and in the outcomes', () => {
    expect(fisherExactTwoSided(2, 7, 8, 2)).toBeCloseTo(fisherExactTwoSided(8, 2, 2, 7), 10);
    expect(fisherExactTwoSided(2, 7, 8, 2)).toBeCloseTo(fisherExactTwoSided(7, 2, 2, 8), 10);
  });
});
