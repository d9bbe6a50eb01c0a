/** R23's statistics beyond Fisher's test: false-discovery control, confidence intervals and power. */

/** The share of false flags among all flags that the audit tolerates by default (q). */
export const DEFAULT_FALSE_DISCOVERY_RATE = 0.05;
/** Power a sample needs before its silence means anything. */
export const POWER_TARGET = 0.8;
const Z_95 = 1.959963984540054;

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the order given: the same values as R's
 * `p.adjust(p, method = "BH")`. A hypothesis is rejected at false discovery rate q when its
 * adjusted value is at most q.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => b.p - a.p);
  // Stryker disable next-line ArrayDeclaration: every index is assigned below, so the preallocated length changes nothing.
  const adjusted = new Array<number>(m);
  let running = 1;
  order.forEach(({ p, index }, position) => {
    const rank = m - position;
    running = Math.min(running, (p * m) / rank);
    adjusted[index] = running;
  });
  return adjusted;
}

export interface Interval {
  low: number;
  high: number;
}

/**
 * The 95% confidence interval of a ratio of two proportions, a/n1 ÷ c/n2, by Katz's log method.
 * With a zero count the log is undefined: then half an observation is added to each cell
 * (a + 0.5 of n1 + 1, c + 0.5 of n2 + 1), the usual correction.
 */
export function katzInterval(a: number, n1: number, c: number, n2: number, z = Z_95): Interval | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const corrected = a === 0 || c === 0 || a === n1 || c === n2;
  const [x1, m1, x2, m2] = corrected ? [a + 0.5, n1 + 1, c + 0.5, n2 + 1] : [a, n1, c, n2];
  const logRatio = Math.log(x1 / m1 / (x2 / m2));
  const standardError = Math.sqrt(1 / x1 - 1 / m1 + 1 / x2 - 1 / m2);
  return { low: Math.exp(logRatio - z * standardError), high: Math.exp(logRatio + z * standardError) };
}

/** The standard normal distribution function (Abramowitz–Stegun 7.1.26 via erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  // Stryker disable next-line EqualityOperator: at x = 0 both branches give 0.5 within 1e-9, far inside the approximation's error.
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0 || p >= 1) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  // The tail and central approximations meet at `low` and `1 - low` (they agree there within 1e-9), so
  // `<` and `<=` below are equivalent.
  // Stryker disable next-line EqualityOperator: see above
  if (p < low || p > 1 - low) {
    // Stryker disable next-line EqualityOperator: see above
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    // Stryker disable next-line EqualityOperator: see above
    return p < low ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Power of a two-sided test at level alpha to tell a group's acceptance rate p1 (n1 decisions)
 * from the best group's p2 (n2): the normal approximation for two proportions, pooled variance
 * under the null. Fisher's exact test, which the audit uses, is slightly more conservative.
 */
export function twoProportionPower(p1: number, n1: number, p2: number, n2: number, alpha: number): number {
  return powerAtCriticalValue(p1, n1, p2, n2, normalQuantile(1 - alpha / 2));
}

/** `twoProportionPower` with the test's critical value given (a search over ratios computes it once). */
function powerAtCriticalValue(p1: number, n1: number, p2: number, n2: number, critical: number): number {
  const pooled = (n1 * p1 + n2 * p2) / (n1 + n2);
  const nullSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const alternativeSe = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  if (alternativeSe === 0) return Math.abs(p1 - p2) > 0 ? 1 : 0;
  return normalCdf((Math.abs(p2 - p1) - critical * nullSe) / alternativeSe);
}

/**
 * The largest impact ratio (closest to parity) that n1 decisions beside the best group's n2, at
 * its acceptance rate, would detect with 80% power: a true ratio at or below it is found four
 * times in five. Null when not even a ratio of 0 (no acceptance at all) would be.
 */
export function detectableImpactRatio(n1: number, n2: number, bestRate: number, alpha: number, power = POWER_TARGET): number | null {
  // A best rate of 0 needs no guard: no ratio of it is detectable, so powerAt(0) is 0.
  if (n1 <= 0 || n2 <= 0) return null;
  const critical = normalQuantile(1 - alpha / 2);
  const powerAt = (ratio: number) => powerAtCriticalValue(ratio * bestRate, n1, bestRate, n2, critical);
  if (powerAt(0) < power) return null;
  let detected = 0;
  let missed = 1;
  // Stryker disable next-line EqualityOperator: a 41st halving moves the ratio by under 1e-12.
  for (let step = 0; step < 40; step += 1) {
    const middle = (detected + missed) / 2;
    // Stryker disable next-line EqualityOperator: a bisection point with exactly the target power moves the result by at most 2^-40.
    if (powerAt(middle) >= power) detected = middle;
    else missed = middle;
  }
  return detected;
}

/**
 * The level a single company's test effectively faces in this audit: the Benjamini–Hochberg bar
 * of the last company flagged (q × flagged ÷ tested), and at least that of the first (q ÷ tested).
 */
export function effectiveLevel(falseDiscoveryRate: number, tested: number, rejected: number): number {
  return tested === 0 ? falseDiscoveryRate : (falseDiscoveryRate * Math.max(1, rejected)) / tested;
}
