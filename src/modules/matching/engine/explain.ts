import type { MatchOutcome, MatchProblem } from './deferred-acceptance';

/** Why a student did not get a placement she ranked above what she got (guarantee 6). */
export type Rejection =
  | { placement: number; rank: number; reason: 'NO_SEATS' }
  | {
      placement: number;
      rank: number;
      reason: 'FULL_BELOW_CUTOFF';
      /** Her priority at the placement: (yourScore, yourLottery) is below (cutoffScore, cutoffLottery). */
      yourScore: number;
      yourLottery: number;
      cutoffScore: number;
      cutoffLottery: number;
    };

export interface StudentExplanation {
  student: number;
  /** Placement index and rank in her list of what she got, or null when unmatched. */
  got: { placement: number; rank: number } | null;
  /** Every placement she ranked higher than what she got (all of them when unmatched), best first. */
  rejections: Rejection[];
}

/**
 * Explains student s's result. Throws when the outcome cannot be explained (a placement she ranked
 * higher is not full, or she outranks its cutoff): then it is not a stable outcome of this problem.
 */
export function explainStudent(problem: MatchProblem, outcome: MatchOutcome, s: number): StudentExplanation {
  if (!Number.isInteger(s) || s < 0 || s >= problem.studentCount) {
    throw new Error(`student index ${s} out of range [0, ${problem.studentCount})`);
  }
  const begin = problem.prefOffsets[s];
  const length = problem.prefOffsets[s + 1] - begin;
  const gotRank = outcome.assignedRank[s];
  const got = gotRank >= 0 ? { placement: outcome.assignment[s], rank: gotRank } : null;
  const lottery = problem.lottery[s];
  const rejections: Rejection[] = [];
  for (let rank = 0; rank < (gotRank >= 0 ? gotRank : length); rank++) {
    const placement = problem.prefPlacements[begin + rank];
    if (problem.capacities[placement] === 0) {
      rejections.push({ placement, rank, reason: 'NO_SEATS' });
      continue;
    }
    const score = problem.prefScores[begin + rank];
    const cutoffScore = outcome.cutoffScore[placement];
    const cutoffLottery = outcome.cutoffLottery[placement];
    const below = score < cutoffScore || (score === cutoffScore && lottery > cutoffLottery);
    if (!below) {
      // Also catches a placement that is not full: its cutoff is NaN and every comparison is false.
      throw new Error(`student ${s}, rank ${rank}: placement ${placement} is not full or she outranks its cutoff; the outcome is not stable`);
    }
    rejections.push({ placement, rank, reason: 'FULL_BELOW_CUTOFF', yourScore: score, yourLottery: lottery, cutoffScore, cutoffLottery });
  }
  return { student: s, got, rejections };
}
