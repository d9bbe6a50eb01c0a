import { fisherExactTwoSided } from './fisher';
import { type Interval, katzInterval } from './statistics';

/** R23 thresholds (assumptions A, after the EEOC four-fifths rule and the ONS cell threshold). */
export const IMPACT_RATIO_FLAG = 0.8;
export const MIN_CELL_OBSERVATIONS = 10;
export const MIN_GROUP_SHARE = 0.05;
/** A company is singled out only when its four-fifths flag is also significant at this level. */
export const SIGNIFICANCE_LEVEL = 0.05;

export enum Suppression {
  FEWER_THAN_10_OBSERVATIONS = 'FEWER_THAN_10_OBSERVATIONS',
  UNDER_5_PERCENT_OF_SAMPLE = 'UNDER_5_PERCENT_OF_SAMPLE',
}

/** One group's company decisions: proposals answered (or left to expire) and how many were accepted. */
export interface GroupCell {
  group: string;
  observations: number;
  accepted: number;
}

export interface GroupImpact {
  group: string;
  /** Set when the figures are withheld; every number below is then null. */
  suppressed: Suppression | null;
  observations: number | null;
  accepted: number | null;
  acceptanceRate: number | null;
  /** Acceptance rate ÷ the best reported group's rate; null when no group had an acceptance. */
  impactRatio: number | null;
  /** The 95% confidence interval of the impact ratio (Katz); null for the best group itself. */
  impactRatioInterval: Interval | null;
  adverseImpact: boolean;
  /** Two-sided Fisher exact test against the best group (null for the best group itself). */
  fisherPValue: number | null;
  /** The difference from the best group is significant: p below 0.05. */
  significant: boolean;
  /** How many more acceptances this group would need for the best group's rate. */
  shortfall: number | null;
}

/** Why a cell is withheld, if it is: fewer than 10 observations, or a group under 5% of the sample. */
export function suppressionOf(observations: number, sampleSize: number): Suppression | null {
  return cellSuppression(observations) ?? (observations < MIN_GROUP_SHARE * sampleSize ? Suppression.UNDER_5_PERCENT_OF_SAMPLE : null);
}

/** A count inside a shown group (a decline reason, the answered proposals) needs 10 observations too. */
export function cellSuppression(count: number): Suppression | null {
  return count < MIN_CELL_OBSERVATIONS ? Suppression.FEWER_THAN_10_OBSERVATIONS : null;
}

/**
 * The four-fifths analysis over the groups of one ground (R23). Suppressed groups take no part:
 * the best group is the best of those shown, so a tiny group can neither be exposed nor set the bar.
 */
export function assessGroups(cells: GroupCell[]): GroupImpact[] {
  const sampleSize = cells.reduce((sum, cell) => sum + cell.observations, 0);
  const shown = cells.filter((cell) => !suppressionOf(cell.observations, sampleSize));
  const best = shown.reduce<GroupCell | null>((top, cell) => (!top || rate(cell) > rate(top) ? cell : top), null);
  return cells.map((cell) => {
    const suppressed = suppressionOf(cell.observations, sampleSize);
    if (suppressed || !best) return withheld(cell.group, suppressed as Suppression);
    const bestRate = rate(best);
    const impactRatio = bestRate > 0 ? rate(cell) / bestRate : null;
    const fisherPValue =
      cell === best ? null : fisherExactTwoSided(cell.accepted, cell.observations - cell.accepted, best.accepted, best.observations - best.accepted);
    return {
      group: cell.group,
      suppressed: null,
      observations: cell.observations,
      accepted: cell.accepted,
      acceptanceRate: rate(cell),
      impactRatio,
      impactRatioInterval: cell === best || impactRatio === null ? null : katzInterval(cell.accepted, cell.observations, best.accepted, best.observations),
      adverseImpact: impactRatio !== null && impactRatio < IMPACT_RATIO_FLAG,
      fisherPValue,
      significant: fisherPValue !== null && fisherPValue < SIGNIFICANCE_LEVEL,
      // The small epsilon keeps an exact parity (e.g. 0.5 × 20 = 10) from rounding up to one more.
      shortfall: Math.max(0, Math.ceil(cell.observations * bestRate - cell.accepted - 1e-9)),
    };
  });
}

const rate = (cell: GroupCell) => cell.accepted / cell.observations;

function withheld(group: string, suppressed: Suppression): GroupImpact {
  return { group, suppressed, observations: null, accepted: null, acceptanceRate: null, impactRatio: null, impactRatioInterval: null, adverseImpact: false, fisherPValue: null, significant: false, shortfall: null };
}
