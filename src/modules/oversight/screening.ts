import { assessGroups, type GroupCell, type GroupImpact, IMPACT_RATIO_FLAG } from './adverse-impact';
import { benjaminiHochberg, DEFAULT_FALSE_DISCOVERY_RATE, detectableImpactRatio, effectiveLevel, type Interval } from './statistics';

/**
 * R23: screening thousands of companies at once. Each company's decisions are tested against the
 * hypothesis of equal treatment; testing 2,000 companies at p < 0.05 would single out about 100
 * innocent ones, so the per-company p-values are corrected for multiple comparisons
 * (Benjamini–Hochberg, which bounds the share of false flags among the flags). The impact ratio
 * has a 95% confidence interval (Katz's log method) and each company the smallest departure its
 * sample could detect with 80% power, so that "not flagged" on too little data says so.
 */

export enum ScreeningStatus {
  /** Impact ratio below 0.8 and significant after the false-discovery correction: investigate. */
  FLAGGED = 'FLAGGED',
  /** Impact ratio below 0.8, but not significant once thousands of companies are compared. */
  WATCH = 'WATCH',
  /** No shown group below 0.8. */
  CLEAR = 'CLEAR',
  /** Fewer than two groups large enough to compare. */
  NOT_COMPARED = 'NOT_COMPARED',
}

export interface CompanyCells<Id = string> {
  companyId: Id;
  cells: GroupCell[];
}

export interface CompanyScreening<Id = string> {
  companyId: Id;
  status: ScreeningStatus;
  groups: GroupImpact[];
  lowestImpactRatio: number | null;
  /** The confidence interval of the lowest impact ratio. */
  lowestImpactRatioInterval: Interval | null;
  /** The company's test: its smallest Fisher p among the adverse groups (all groups when none is), Bonferroni-corrected for its comparisons. */
  pValue: number | null;
  /** Benjamini–Hochberg adjusted p-value over every company compared in this audit. */
  qValue: number | null;
  /** The largest impact ratio its smallest comparison would detect with 80% power in this audit; null when none would. */
  detectableImpactRatio: number | null;
  /** Its sample could not detect a true impact ratio of 0.8 with 80% power. */
  underpowered: boolean;
}

/**
 * Screens every company of an audit: the four-fifths analysis per company, one test per company,
 * Benjamini–Hochberg over all companies compared, then the verdict (FLAGGED needs both the ratio
 * below 0.8 and the adjusted test at most q).
 */
export function screenCompanies<Id>(companies: ReadonlyArray<CompanyCells<Id>>, falseDiscoveryRate = DEFAULT_FALSE_DISCOVERY_RATE): Array<CompanyScreening<Id>> {
  const assessed = companies.map(({ companyId, cells }) => {
    const groups = assessGroups(cells);
    const compared = groups.filter((group) => group.impactRatio !== null);
    const others = compared.filter((group) => group.fisherPValue !== null);
    const lowest = compared.length >= 2 ? compared.reduce((low, group) => (group.impactRatio! < low.impactRatio! ? group : low)) : null;
    const adverse = others.filter((group) => group.adverseImpact);
    const tested = adverse.length > 0 ? adverse : others;
    const pValue = lowest ? Math.min(1, others.length * Math.min(...tested.map((group) => group.fisherPValue!))) : null;
    return { companyId, groups, lowest, others, pValue };
  });
  const testedIndexes = assessed.flatMap((company, index) => (company.pValue === null ? [] : [index]));
  const qValues = benjaminiHochberg(testedIndexes.map((index) => assessed[index].pValue!));
  const qByIndex = new Map(testedIndexes.map((index, position) => [index, qValues[position]]));
  const rejected = qValues.filter((q) => q <= falseDiscoveryRate).length;
  const alpha = effectiveLevel(falseDiscoveryRate, testedIndexes.length, rejected);

  return assessed.map(({ companyId, groups, lowest, others, pValue }, index) => {
    const qValue = qByIndex.get(index) ?? null;
    const best = groups.find((group) => group.impactRatio !== null && group.fisherPValue === null);
    // Without a best group `others` is empty, and so is the detectable ratio (null).
    const detectable = leastSensitive(others.map((group) => detectableImpactRatio(group.observations!, best!.observations!, best!.acceptanceRate!, alpha)));
    const below = lowest !== null && lowest.impactRatio! < IMPACT_RATIO_FLAG;
    const status = !lowest
      ? ScreeningStatus.NOT_COMPARED
      : below && qValue! <= falseDiscoveryRate // a compared company always has a p-value, hence a q-value
        ? ScreeningStatus.FLAGGED
        : below
          ? ScreeningStatus.WATCH
          : ScreeningStatus.CLEAR;
    return {
      companyId,
      status,
      groups,
      lowestImpactRatio: lowest?.impactRatio ?? null,
      lowestImpactRatioInterval: lowest?.impactRatioInterval ?? null,
      pValue,
      qValue,
      detectableImpactRatio: detectable,
      // Stryker disable next-line EqualityOperator: a bisection result is a multiple of 2^-40, which 0.8 is not, so `<` and `<=` agree.
      underpowered: lowest !== null && (detectable ?? 0) < IMPACT_RATIO_FLAG, // nothing detectable counts as 0
    };
  });
}

/** The weakest comparison decides: null (nothing detectable) if any is null, else the smallest ratio. */
function leastSensitive(ratios: Array<number | null>): number | null {
  if (ratios.length === 0 || ratios.some((ratio) => ratio === null)) return null;
  return Math.min(...(ratios as number[]));
}
