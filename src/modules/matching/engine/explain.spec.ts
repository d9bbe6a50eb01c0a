import fc from 'fast-check';
import { solveMatching } from './deferred-acceptance';
import { explainStudent } from './explain';
import { type DenseInstance, instanceArbitrary, MEDIUM, toProblem } from './testing/model';

describe('explainStudent (guarantee 6)', () => {
  // Student 0 ranks placement 0 (full with better students), 1 (no seats), 2 (gets it).
  const instance: DenseInstance = {
    capacities: [1, 0, 1],
    lists: [[0, 1, 2], [0], [0]],
    scores: [
      [5, 9, 1],
      [8, 0, 0],
      [5, 0, 0],
    ],
    lottery: [0.9, 0.5, 0.1],
  };
  const problem = toProblem(instance);
  const outcome = solveMatching(problem);

  it('says what she got and, for each placement she ranked higher, why not', () => {
    expect(explainStudent(problem, outcome, 0)).toEqual({
      student: 0,
      got: { placement: 2, rank: 2 },
      rejections: [
        { placement: 0, rank: 0, reason: 'FULL_BELOW_CUTOFF', yourScore: 5, yourLottery: 0.9, cutoffScore: 8, cutoffLottery: 0.5 },
        { placement: 1, rank: 1, reason: 'NO_SEATS' },
      ],
    });
  });

  it('shows an equal score lost on the lottery', () => {
    const tied = toProblem({ ...instance, capacities: [1, 0, 1], scores: [[5, 9, 1], [4, 0, 0], [5, 0, 0]] });
    const result = solveMatching(tied);
    expect(explainStudent(tied, result, 0).rejections[0]).toEqual({
      placement: 0,
      rank: 0,
      reason: 'FULL_BELOW_CUTOFF',
      yourScore: 5,
      yourLottery: 0.9,
      cutoffScore: 5,
      cutoffLottery: 0.1,
    });
  });

  it('explains every choice of an unmatched student', () => {
    expect(explainStudent(problem, outcome, 2)).toEqual({
      student: 2,
      got: null,
      rejections: [{ placement: 0, rank: 0, reason: 'FULL_BELOW_CUTOFF', yourScore: 5, yourLottery: 0.1, cutoffScore: 8, cutoffLottery: 0.5 }],
    });
  });

  it('refuses to explain an outcome that is not stable for the problem', () => {
    // Student 0 left unmatched although placement 2, on her list, has a free seat.
    const wrong = {
      assignment: Int32Array.from([-1, 0, -1]),
      assignedRank: Int32Array.from([-1, 0, -1]),
      cutoffScore: Float64Array.from([8, NaN, NaN]),
      cutoffLottery: Float64Array.from([0.5, NaN, NaN]),
      filled: Int32Array.from([1, 0, 0]),
    };
    expect(() => explainStudent(problem, wrong, 0)).toThrow(/student 0, rank 2: placement 2 is not full or she outranks its cutoff/);
  });

  it('rejects a student index out of range', () => {
    expect(() => explainStudent(problem, outcome, 3)).toThrow(/student index 3 out of range/);
  });

  it('explains every student of random instances, one reason per placement ranked higher', () => {
    fc.assert(
      fc.property(instanceArbitrary(MEDIUM), (random) => {
        const p = toProblem(random);
        const o = solveMatching(p);
        random.lists.forEach((list, s) => {
          const explanation = explainStudent(p, o, s);
          expect(explanation.rejections.map((r) => r.placement)).toEqual(list.slice(0, o.assignedRank[s] >= 0 ? o.assignedRank[s] : list.length));
          for (const r of explanation.rejections) expect(r.reason).toBe(random.capacities[r.placement] === 0 ? 'NO_SEATS' : 'FULL_BELOW_CUTOFF');
        });
      }),
      { numRuns: 200 },
    );
  });
});
