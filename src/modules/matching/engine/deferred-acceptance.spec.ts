import fc from 'fast-check';
import { propertyRuns } from '../../../common/testing/property-runs';
import { type MatchOutcome, type MatchProblem, solveMatching } from './deferred-acceptance';
import { allStableAssignments } from './testing/brute-force';
import { blockingPairs, validityViolations } from './testing/checks';
import { CONTESTED, type DenseInstance, instanceArbitrary, MEDIUM, rankIn, SMALL, toProblem } from './testing/model';

const solve = (instance: DenseInstance): MatchOutcome => solveMatching(toProblem(instance));
const assigned = (instance: DenseInstance): number[] => Array.from(solve(instance).assignment);

/** n students, every one with the same list and the same score everywhere; lottery 0..n-1 unless given. */
function uniform(n: number, capacities: number[], list: number[], lottery = Array.from({ length: n }, (_, s) => s)): DenseInstance {
  return {
    capacities,
    lists: Array.from({ length: n }, () => [...list]),
    scores: Array.from({ length: n }, () => capacities.map(() => 1)),
    lottery,
  };
}

describe('solveMatching', () => {
  it('gives every student her first choice when the placements would rather swap them (student-optimal, guarantee 3)', () => {
    // Placement 0 prefers student 1, placement 1 prefers student 0; both pairs are stable, students win.
    const instance: DenseInstance = {
      capacities: [1, 1],
      lists: [
        [0, 1],
        [1, 0],
      ],
      scores: [
        [1, 2],
        [2, 1],
      ],
      lottery: [0, 1],
    };
    expect(assigned(instance)).toEqual([0, 1]);
  });

  it('ejects the weakest held student, who then moves down her list', () => {
    const instance: DenseInstance = {
      capacities: [2, 1],
      lists: [[0, 1], [0], [0]],
      scores: [
        [5, 1],
        [7, 0],
        [6, 0],
      ],
      lottery: [0, 1, 2],
    };
    const outcome = solve(instance);
    expect(Array.from(outcome.assignment)).toEqual([1, 0, 0]);
    expect(Array.from(outcome.assignedRank)).toEqual([1, 0, 0]);
    expect(Array.from(outcome.filled)).toEqual([2, 1]);
    expect([outcome.cutoffScore[0], outcome.cutoffLottery[0]]).toEqual([6, 2]);
    expect([outcome.cutoffScore[1], outcome.cutoffLottery[1]]).toEqual([1, 0]);
  });

  it('breaks equal scores by the lower lottery number, the same one at every placement', () => {
    const outcome = solve(uniform(3, [1, 1], [0, 1], [0.7, 0.2, 0.5]));
    expect(Array.from(outcome.assignment)).toEqual([-1, 0, 1]);
  });

  it('reports no cutoff for a placement that is not full', () => {
    const outcome = solve(uniform(1, [2], [0]));
    expect(outcome.filled[0]).toBe(1);
    expect(outcome.cutoffScore[0]).toBeNaN();
    expect(outcome.cutoffLottery[0]).toBeNaN();
  });

  describe('edge cases', () => {
    it('no students', () => {
      const outcome = solve({ capacities: [1, 0], lists: [], scores: [], lottery: [] });
      expect(outcome.assignment).toHaveLength(0);
      expect(Array.from(outcome.filled)).toEqual([0, 0]);
    });

    it('no placements: everyone unmatched', () => {
      const outcome = solve({ capacities: [], lists: [[], []], scores: [[], []], lottery: [1, 0] });
      expect(Array.from(outcome.assignment)).toEqual([-1, -1]);
      expect(Array.from(outcome.assignedRank)).toEqual([-1, -1]);
    });

    it('all capacities 0: everyone unmatched, no cutoffs', () => {
      const outcome = solve(uniform(3, [0, 0], [0, 1]));
      expect(Array.from(outcome.assignment)).toEqual([-1, -1, -1]);
      expect(Array.from(outcome.cutoffScore).every(Number.isNaN)).toBe(true);
    });

    it('more seats than students: everyone gets her first choice', () => {
      const instance: DenseInstance = { capacities: [3, 3], lists: [[0, 1], [1], [0]], scores: [[1, 1], [1, 1], [1, 1]], lottery: [2, 1, 0] };
      expect(assigned(instance)).toEqual([0, 1, 0]);
    });

    it('more students than seats: every seat is filled, by the best priorities', () => {
      const instance: DenseInstance = {
        capacities: [1, 1],
        lists: [
          [0, 1],
          [0, 1],
          [0, 1],
          [1, 0],
        ],
        scores: [
          [3, 0],
          [1, 1],
          [2, 2],
          [0, 5],
        ],
        lottery: [0, 1, 2, 3],
      };
      expect(assigned(instance)).toEqual([0, -1, -1, 1]);
    });

    it('everyone ranks the same single placement: the highest scores get it', () => {
      const instance: DenseInstance = { capacities: [2], lists: [[0], [0], [0], [0]], scores: [[4], [9], [1], [7]], lottery: [0, 1, 2, 3] };
      expect(assigned(instance)).toEqual([-1, 0, -1, 0]);
    });

    it('every score equal: the lottery alone decides', () => {
      const outcome = solve(uniform(4, [1, 2], [0, 1], [3, 0, 2, 1]));
      // Lottery order: 1, 3, 2, 0. Student 1 takes placement 0; 3 and 2 fill placement 1.
      expect(Array.from(outcome.assignment)).toEqual([-1, 0, 1, 1]);
    });

    it('a placement with capacity 0 is skipped for the next choice', () => {
      expect(assigned(uniform(1, [0, 1], [0, 1]))).toEqual([1]);
    });
  });

  describe('rejects inconsistent problems with a clear message', () => {
    const base = (): MatchProblem => toProblem({ capacities: [1, 1], lists: [[0, 1], [1]], scores: [[1, 1], [1, 1]], lottery: [0, 1] });
    it.each<[string, (problem: MatchProblem) => void, RegExp]>([
      ['offsets of the wrong length', (p) => (p.prefOffsets = new Int32Array([0, 2])), /prefOffsets has length 2/],
      ['scores of the wrong length', (p) => (p.prefScores = new Float64Array(2)), /prefScores has length 2/],
      ['lottery of the wrong length', (p) => (p.lottery = new Float64Array(1)), /lottery has length 1/],
      ['a placement index out of range', (p) => (p.prefPlacements[2] = 2), /student 1, rank 0: placement index 2 out of range/],
      ['a placement twice in one list', (p) => (p.prefPlacements[1] = 0), /student 0, rank 1: placement 0 listed twice/],
      ['a negative capacity', (p) => (p.capacities[1] = -1), /placement 1: negative capacity/],
      ['equal lottery numbers', (p) => (p.lottery[1] = 0), /lottery number 0 is given to more than one student/],
      ['a NaN score', (p) => (p.prefScores[0] = NaN), /student 0, rank 0: score NaN/],
      ['offsets that do not end at the list length', (p) => (p.prefOffsets[2] = 2), /prefOffsets must start at 0 and end at/],
      // Issue #22: the input checks a mutant could drop unnoticed.
      ['a negative student count', (p) => Object.assign(p, { studentCount: -1, prefOffsets: new Int32Array(0), lottery: new Float64Array(0) }), /studentCount must be a non-negative integer, got -1/],
      ['a fractional student count', (p) => (p.studentCount = 1.5), /studentCount must be a non-negative integer, got 1.5/],
      ['offsets that do not start at 0', (p) => (p.prefOffsets = new Int32Array([1, 2, 3])), /prefOffsets must start at 0/],
      ['offsets that decrease', (p) => (p.prefOffsets[1] = -1), /prefOffsets decreases at student 0/],
      ['a placement index below 0', (p) => (p.prefPlacements[0] = -1), /student 0, rank 0: placement index -1 out of range \[0, 2\)/],
      ['an infinite lottery number', (p) => (p.lottery[1] = Infinity), /student 1: lottery number Infinity is not finite/],
      ['an infinite score', (p) => (p.prefScores[2] = -Infinity), /student 1, rank 0: score -Infinity is not finite/],
      ['equal lottery numbers that are not next to each other', (p) => Object.assign(p, { studentCount: 3, prefOffsets: new Int32Array([0, 2, 3, 3]), lottery: new Float64Array([4, 1, 4]) }), /lottery number 4 is given to more than one student/],
      ['a placement twice in a later student’s list', (p) => Object.assign(p, { prefOffsets: new Int32Array([0, 1, 3]), prefPlacements: new Int32Array([0, 1, 1]) }), /student 1, rank 1: placement 1 listed twice/],
    ])('%s', (_, corrupt, message) => {
      const problem = base();
      corrupt(problem);
      expect(() => solveMatching(problem)).toThrow(message);
    });

    it('names the offsets length it expected', () => {
      expect(() => solveMatching({ ...base(), prefOffsets: new Int32Array([0, 2]) })).toThrow('expected studentCount + 1 = 3');
    });
  });

  describe('properties', () => {
    it('is valid and stable on random instances (guarantees 1 and 2, linear-time checkers)', () => {
      fc.assert(
        fc.property(instanceArbitrary(MEDIUM), (instance) => {
          const problem = toProblem(instance);
          const outcome = solveMatching(problem);
          expect(validityViolations(problem, outcome)).toEqual([]);
          expect(blockingPairs(problem, outcome.assignment)).toEqual([]);
        }),
        { numRuns: propertyRuns(300) },
      );
    });

    it.each([
      ['small random instances', SMALL],
      ['contested instances, often with several stable matchings', CONTESTED],
    ])('equals the student-optimal stable matching found by brute force on %s (guarantee 3)', (_, limits) => {
      let severalStable = 0;
      const runs = propertyRuns(400);
      fc.assert(
        fc.property(instanceArbitrary(limits), (instance) => {
          const problem = toProblem(instance);
          const ours = solveMatching(problem).assignment;
          const stable = allStableAssignments(problem);
          if (stable.length > 1) severalStable++;
          expect(stable).toContainEqual(ours);
          // Every student weakly prefers ours to every stable matching.
          for (const other of stable) {
            instance.lists.forEach((list, s) => expect(rankIn(list, ours[s])).toBeLessThanOrEqual(rankIn(list, other[s])));
          }
        }),
        { numRuns: runs },
      );
      if (limits === CONTESTED) expect(severalStable).toBeGreaterThan(runs / 20); // the property was not vacuous
    });

    it('does not depend on the order of students or placements (guarantee 4)', () => {
      const withPermutations = instanceArbitrary(MEDIUM).chain((instance) =>
        fc.record({
          instance: fc.constant(instance),
          students: fc.shuffledSubarray([...instance.lists.keys()], { minLength: instance.lists.length }),
          placements: fc.shuffledSubarray([...instance.capacities.keys()], { minLength: instance.capacities.length }),
        }),
      );
      fc.assert(
        fc.property(withPermutations, ({ instance, students, placements }) => {
          // Student i of the shuffled instance is students[i] of the original; placement p becomes position[p].
          const position = new Array<number>(placements.length);
          placements.forEach((original, i) => (position[original] = i));
          const shuffled: DenseInstance = {
            capacities: placements.map((p) => instance.capacities[p]),
            lists: students.map((s) => instance.lists[s].map((p) => position[p])),
            scores: students.map((s) => placements.map((p) => instance.scores[s][p])),
            lottery: students.map((s) => instance.lottery[s]),
          };
          const original = solve(instance);
          const result = solve(shuffled);
          students.forEach((s, i) => expect(result.assignment[i]).toBe(original.assignment[s] === -1 ? -1 : position[original.assignment[s]]));
        }),
        { numRuns: propertyRuns(200) },
      );
    });

    describe('strategy-proofness (guarantee 5)', () => {
      const kinds = [
        ['small random instances', SMALL],
        ['contested instances', CONTESTED],
      ] as const;

      it.each(kinds)('no student gains by permuting, truncating or extending her list (%s)', (_, limits) => {
        const withLie = instanceArbitrary(limits)
          .filter((instance) => instance.lists.length > 0)
          .chain((instance) =>
            fc.record({
              instance: fc.constant(instance),
              liar: fc.integer({ min: 0, max: instance.lists.length - 1 }),
              lie: fc.shuffledSubarray([...instance.capacities.keys()]),
            }),
          );
        fc.assert(
          fc.property(withLie, ({ instance, liar, lie }) => {
            const truthful = solve(instance).assignment[liar];
            const lying = solve({ ...instance, lists: instance.lists.map((list, s) => (s === liar ? lie : list)) }).assignment[liar];
            const trueList = instance.lists[liar];
            expect(rankIn(trueList, lying)).toBeGreaterThanOrEqual(rankIn(trueList, truthful));
          }),
          { numRuns: propertyRuns(500) },
        );
      });

      it.each(kinds)('raising a student’s score at a placement never hurts her (%s)', (_, limits) => {
        const withRaise = instanceArbitrary(limits)
          .filter((instance) => instance.lists.length > 0 && instance.capacities.length > 0)
          .chain((instance) =>
            fc.record({
              instance: fc.constant(instance),
              student: fc.integer({ min: 0, max: instance.lists.length - 1 }),
              placement: fc.integer({ min: 0, max: instance.capacities.length - 1 }),
              raise: fc.integer({ min: 1, max: 3 }),
            }),
          );
        fc.assert(
          fc.property(withRaise, ({ instance, student, placement, raise }) => {
            const scores = instance.scores.map((row, s) => row.map((score, p) => (s === student && p === placement ? score + raise : score)));
            const list = instance.lists[student];
            const before = rankIn(list, solve(instance).assignment[student]);
            const after = rankIn(list, solve({ ...instance, scores }).assignment[student]);
            expect(after).toBeLessThanOrEqual(before);
          }),
          { numRuns: propertyRuns(500) },
        );
      });

      it('adding a seat never makes any student worse off', () => {
        const withSeat = instanceArbitrary(MEDIUM)
          .filter((instance) => instance.capacities.length > 0)
          .chain((instance) => fc.record({ instance: fc.constant(instance), placement: fc.integer({ min: 0, max: instance.capacities.length - 1 }) }));
        fc.assert(
          fc.property(withSeat, ({ instance, placement }) => {
            const capacities = instance.capacities.map((c, p) => (p === placement ? c + 1 : c));
            const before = solve(instance).assignment;
            const after = solve({ ...instance, capacities }).assignment;
            instance.lists.forEach((list, s) => expect(rankIn(list, after[s])).toBeLessThanOrEqual(rankIn(list, before[s])));
          }),
          { numRuns: propertyRuns(300) },
        );
      });
    });
  });
});
