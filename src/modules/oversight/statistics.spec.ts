import { benjaminiHochberg, detectableImpactRatio, effectiveLevel, katzInterval, normalCdf, normalQuantile, twoProportionPower } from './statistics';

// Reference values from R 4.2.2 (stats::p.adjust, stats::power.prop.test, qnorm, pnorm) and
// epitools 0.5 (riskratio, method = "wald", which is Katz's log interval).
describe('R23 statistics', () => {
  it("adjusts p-values as R's p.adjust(method = 'BH') does, in the order given", () => {
    const p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275, 0.34, 0.341, 0.384, 0.569, 0.594, 0.696, 0.762, 0.94, 0.942, 0.975, 0.986];
    const r = [0.025, 0.1, 0.21, 0.21, 0.21, 0.25, 0.2642857143, 0.4910714286, 0.4910714286, 0.4910714286, 0.4910714286, 0.4910714286, 0.4910714286, 0.4910714286, 0.5328125, 0.5328125, 0.5647058824, 0.7815789474, 0.7815789474, 0.87, 0.9071428571, 0.986, 0.986, 0.986, 0.986];
    benjaminiHochberg(p).forEach((q, i) => expect(q).toBeCloseTo(r[i], 9));
    expect(benjaminiHochberg([0.04, 0.01, 0.03, 0.5, 0.02])).toEqual([0.05, 0.05, 0.05, 0.5, 0.05].map((q) => expect.closeTo(q, 12)));
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([0.3])).toEqual([0.3]);
  });

  it('gives the Katz log interval of epitools::riskratio(method = "wald")', () => {
    const wide = katzInterval(43, 100, 60, 100)!;
    expect(wide.low).toBeCloseTo(0.5434663, 6);
    expect(wide.high).toBeCloseTo(0.9450652, 6);
    const small = katzInterval(4, 20, 16, 20)!;
    expect(small.low).toBeCloseTo(0.1012874, 6);
    expect(small.high).toBeCloseTo(0.6170559, 6);
  });

  it('keeps a finite interval around a zero count (half an observation added)', () => {
    // 0 of 10 beside 8 of 20 is computed as 0.5 of 11 beside 8.5 of 21 (values from R on that formula).
    const zero = katzInterval(0, 10, 8, 20)!;
    expect(zero.low).toBeCloseTo(0.007126847575, 6);
    expect(zero.high).toBeCloseTo(1.769529902387, 6);
    expect(katzInterval(3, 0, 5, 10)).toBeNull();
  });

  it('has the normal quantile and distribution function of R', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.95996398454, 8);
    expect(normalQuantile(0.0005)).toBeCloseTo(-3.290526731492, 8);
    expect(normalQuantile(0.3)).toBeCloseTo(-0.524400512708, 8);
    expect(normalCdf(-1.5)).toBeCloseTo(0.0668072012689, 6);
    expect(normalCdf(0.2)).toBeCloseTo(0.5792597094391, 6);
    expect(normalCdf(2.8)).toBeCloseTo(0.9974448696696, 6);
    expect(() => normalQuantile(0)).toThrow(RangeError);
  });

  it('has the power of power.prop.test for equal groups', () => {
    expect(twoProportionPower(0.3, 50, 0.6, 50, 0.05)).toBeCloseTo(0.8657773793, 5);
    expect(twoProportionPower(0.48, 200, 0.6, 200, 0.001)).toBeCloseTo(0.1869270538, 5);
  });

  it('finds the impact ratio a sample detects with 80% power, closer to parity as the sample grows', () => {
    const ratio = detectableImpactRatio(100, 300, 0.6, 0.05)!;
    expect(twoProportionPower(ratio * 0.6, 100, 0.6, 300, 0.05)).toBeCloseTo(0.8, 6);
    const larger = detectableImpactRatio(1000, 3000, 0.6, 0.05)!;
    expect(larger).toBeGreaterThan(ratio);
    expect(larger).toBeLessThan(1);
    // A stricter level needs a larger difference.
    expect(detectableImpactRatio(100, 300, 0.6, 0.001)!).toBeLessThan(ratio);
  });

  it('has no detectable ratio when not even zero acceptances would be found', () => {
    expect(detectableImpactRatio(10, 10, 0.1, 0.001)).toBeNull();
    expect(detectableImpactRatio(50, 50, 0, 0.05)).toBeNull();
  });

  it("puts a single company's bar at the Benjamini–Hochberg step of the last flag, and at q ÷ m without one", () => {
    expect(effectiveLevel(0.05, 2000, 0)).toBeCloseTo(0.000025, 12);
    expect(effectiveLevel(0.05, 2000, 40)).toBeCloseTo(0.001, 12);
    expect(effectiveLevel(0.05, 0, 0)).toBe(0.05);
  });

  // Issue #22: the boundaries of R23's statistics, each at the edge and on both sides of it.
  it.each([
    // Half an observation is added when any count is 0 or the whole group (values from the formula in R).
    ['every one of group 1 accepted', [10, 10, 5, 10], 1.042653751934214, 3.495530603915681],
    ['none of group 2 accepted', [5, 10, 0, 10], 0.6880371978272359, 175.86258472958727],
    ['every one of group 2 accepted', [5, 10, 10, 10], 0.2860796008708387, 0.9590911634326472],
  ])('corrects the Katz interval when %s', (_, counts, low, high) => {
    const [a, n1, c, n2] = counts as number[];
    const interval = katzInterval(a, n1, c, n2)!;
    expect(interval.low).toBeCloseTo(low, 9);
    expect(interval.high).toBeCloseTo(high, 9);
  });

  it.each([
    [0, 10],
    [10, 0],
    [-1, 10],
    [10, -1],
  ])('has no interval for a group of %i beside one of %i', (n1, n2) => {
    expect(katzInterval(0, n1, 0, n2)).toBeNull();
  });

  it.each([0, 1, -0.1, 1.1])('has no normal quantile at p = %d', (p) => {
    expect(() => normalQuantile(p)).toThrow(RangeError);
  });

  it.each([
    // Without sampling variance the power is certainty: 1 when the rates differ, 0 when they are equal.
    [0, 1, 1],
    [1, 0, 1],
    [0, 0, 0],
    [1, 1, 0],
  ])('gives rates %d and %d without variance the power %d', (p1, p2, power) => {
    expect(twoProportionPower(p1, 50, p2, 50, 0.05)).toBe(power);
  });

  it.each([
    [0, 50],
    [50, 0],
    [-1, 50],
    [50, -1],
  ])('has no detectable ratio for %i decisions beside %i', (n1, n2) => {
    expect(detectableImpactRatio(n1, n2, 0.6, 0.05)).toBeNull();
  });

  it('detects a ratio once the power of finding no acceptance at all reaches the target, not below it', () => {
    const atZero = twoProportionPower(0, 20, 0.3, 40, 0.05);
    expect(detectableImpactRatio(20, 40, 0.3, 0.05, atZero)).not.toBeNull();
    expect(detectableImpactRatio(20, 40, 0.3, 0.05, atZero + 1e-9)).toBeNull();
  });
});

