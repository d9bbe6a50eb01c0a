/**
 * Independent checkers for the engine's guarantees (/work/shared/matching.md), written without the
 * engine's code so a bug there cannot hide itself. Each returns the violations found, empty when none.
 */
import type { MatchOutcome, MatchProblem } from '../deferred-acceptance';

/** Guarantee 1 (valid), plus the outcome's own bookkeeping (ranks, fill counts, cutoffs), in O(L + placements). */
export function validityViolations(problem: MatchProblem, outcome: MatchOutcome): string[] {
  const violations: string[] = [];
  const placementCount = problem.capacities.length;
  if (outcome.assignment.length !== problem.studentCount || outcome.assignedRank.length !== problem.studentCount) {
    return [`outcome covers ${outcome.assignment.length} students, the problem has ${problem.studentCount}`];
  }
  const filled = new Int32Array(placementCount);
  for (let s = 0; s < problem.studentCount; s++) {
    const p = outcome.assignment[s];
    const rank = outcome.assignedRank[s];
    if (p === -1) {
      if (rank !== -1) violations.push(`student ${s} is unmatched but has rank ${rank}`);
      continue;
    }
    const begin = problem.prefOffsets[s];
    // Acceptable: the placement stands in her list at the reported rank.
    if (rank < 0 || begin + rank >= problem.prefOffsets[s + 1] || problem.prefPlacements[begin + rank] !== p) {
      violations.push(`student ${s} got placement ${p}, which is not at rank ${rank} of her list`);
      continue;
    }
    filled[p]++;
  }
  for (let p = 0; p < placementCount; p++) {
    if (filled[p] > problem.capacities[p]) violations.push(`placement ${p} holds ${filled[p]} students, capacity ${problem.capacities[p]}`);
    if (outcome.filled[p] !== filled[p]) violations.push(`placement ${p} reports ${outcome.filled[p]} admitted, holds ${filled[p]}`);
  }
  // Cutoffs: the weakest admitted (score, lottery) of a full placement, NaN otherwise.
  const weakestScore = new Float64Array(placementCount).fill(Infinity);
  const weakestLottery = new Float64Array(placementCount).fill(-Infinity);
  for (let s = 0; s < problem.studentCount; s++) {
    const p = outcome.assignment[s];
    if (p < 0 || outcome.assignedRank[s] < 0) continue;
    const score = problem.prefScores[problem.prefOffsets[s] + outcome.assignedRank[s]];
    const lottery = problem.lottery[s];
    if (score < weakestScore[p] || (score === weakestScore[p] && lottery > weakestLottery[p])) {
      weakestScore[p] = score;
      weakestLottery[p] = lottery;
    }
  }
  for (let p = 0; p < placementCount; p++) {
    const full = problem.capacities[p] > 0 && filled[p] === problem.capacities[p];
    const expectedScore = full ? weakestScore[p] : NaN;
    const expectedLottery = full ? weakestLottery[p] : NaN;
    if (!Object.is(outcome.cutoffScore[p], expectedScore) || !Object.is(outcome.cutoffLottery[p], expectedLottery)) {
      violations.push(`placement ${p} reports cutoff (${outcome.cutoffScore[p]}, ${outcome.cutoffLottery[p]}), expected (${expectedScore}, ${expectedLottery})`);
    }
  }
  return violations;
}

/**
 * Guarantee 2 (no justified envy) for an assignment (per student: placement or -1), in O(L + placements):
 * nobody prefers a placement that is under capacity or holds someone of lower priority than her.
 */
export function blockingPairs(problem: MatchProblem, assignment: Int32Array): string[] {
  const placementCount = problem.capacities.length;
  const filled = new Int32Array(placementCount);
  const weakestScore = new Float64Array(placementCount).fill(Infinity);
  const weakestLottery = new Float64Array(placementCount).fill(-Infinity);
  const gotRank = new Int32Array(problem.studentCount);
  for (let s = 0; s < problem.studentCount; s++) {
    const begin = problem.prefOffsets[s];
    const end = problem.prefOffsets[s + 1];
    gotRank[s] = end - begin; // unmatched: every listed placement is better
    const p = assignment[s];
    if (p < 0) continue;
    for (let e = begin; e < end; e++) {
      if (problem.prefPlacements[e] !== p) continue;
      gotRank[s] = e - begin;
      filled[p]++;
      const score = problem.prefScores[e];
      const lottery = problem.lottery[s];
      if (score < weakestScore[p] || (score === weakestScore[p] && lottery > weakestLottery[p])) {
        weakestScore[p] = score;
        weakestLottery[p] = lottery;
      }
    }
  }
  const pairs: string[] = [];
  for (let s = 0; s < problem.studentCount; s++) {
    const begin = problem.prefOffsets[s];
    for (let e = begin; e < begin + gotRank[s]; e++) {
      const p = problem.prefPlacements[e];
      const capacity = problem.capacities[p];
      if (capacity === 0) continue;
      const score = problem.prefScores[e];
      const lottery = problem.lottery[s];
      if (filled[p] < capacity) {
        pairs.push(`student ${s} prefers placement ${p} (rank ${e - begin}), which has a free seat`);
      } else if (score > weakestScore[p] || (score === weakestScore[p] && lottery < weakestLottery[p])) {
        pairs.push(`student ${s} prefers placement ${p} (rank ${e - begin}), which admitted someone of lower priority`);
      }
    }
  }
  return pairs;
}
