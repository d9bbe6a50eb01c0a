/** Every stable matching of a small problem, by enumerating all valid matchings (guarantee 3's reference). */
import type { MatchProblem } from '../deferred-acceptance';
import { blockingPairs } from './checks';

export function allStableAssignments(problem: MatchProblem): Int32Array[] {
  const assignment = new Int32Array(problem.studentCount).fill(-1);
  const seatsLeft = Int32Array.from(problem.capacities);
  const stable: Int32Array[] = [];
  const visit = (s: number): void => {
    if (s === problem.studentCount) {
      if (blockingPairs(problem, assignment).length === 0) stable.push(assignment.slice());
      return;
    }
    assignment[s] = -1;
    visit(s + 1);
    for (let e = problem.prefOffsets[s]; e < problem.prefOffsets[s + 1]; e++) {
      const p = problem.prefPlacements[e];
      if (seatsLeft[p] === 0) continue;
      seatsLeft[p]--;
      assignment[s] = p;
      visit(s + 1);
      seatsLeft[p]++;
    }
    assignment[s] = -1;
  };
  visit(0);
  return stable;
}
