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

  it.each([
    // Issue #22: tables whose first count cannot be 0 (the range of a starts above 0), exact values.
    [[8, 2, 1, 1], 5 / 11],
    [[4, 0, 1, 3], 1 / 7],
    [[0, 6, 4, 2], 2 / 33],
    [[3, 0, 0, 3], 0.1],
  ])('gives %j the exact p-value', (table, expected) => {
    const [a, b, c, d] = table as number[];
    expect(fisherExactTwoSided(a, b, c, d)).toBeCloseTo(expected, 12);
  });

  it('extends its table of log-factorials to exactly the size of the next table', () => {
    // A fresh module: the table starts with 0!, grows to 2 entries, then 4; a table of 4 needs 4!.
    jest.isolateModules(() => {
      const { fisherExactTwoSided: fresh } = jest.requireActual<typeof import('./fisher')>('./fisher');
      expect(fresh(1, 0, 0, 0)).toBe(1);
      expect(fresh(1, 0, 0, 1)).toBe(1);
      expect(fresh(2, 0, 0, 2)).toBeCloseTo(1 / 3, 12);
    });
  });
});

