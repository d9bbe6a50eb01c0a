/**
 * A dense, easy-to-edit description of small instances for property tests, and its fast-check
 * arbitrary. Every placement has a score for every student, so a test can move a placement into a
 * student's list (a misreport) without inventing a score.
 */
import fc from 'fast-check';
import type { MatchProblem } from '../deferred-acceptance';

export interface DenseInstance {
  capacities: number[];
  /** Per student: placement indexes, best first, no repeats. */
  lists: number[][];
  /** scores[s][p]: placement p's priority score for student s. */
  scores: number[][];
  /** Distinct. */
  lottery: number[];
}

export function toProblem(instance: DenseInstance): MatchProblem {
  const prefOffsets = new Int32Array(instance.lists.length + 1);
  instance.lists.forEach((list, s) => (prefOffsets[s + 1] = prefOffsets[s] + list.length));
  const flat = instance.lists.flat();
  return {
    studentCount: instance.lists.length,
    capacities: Int32Array.from(instance.capacities),
    prefOffsets,
    prefPlacements: Int32Array.from(flat),
    prefScores: Float64Array.from(instance.lists.flatMap((list, s) => list.map((p) => instance.scores[s][p]))),
    lottery: Float64Array.from(instance.lottery),
  };
}

/** Position of placement p in a list, Infinity when unmatched (-1) or not listed: lower is better. */
export const rankIn = (list: readonly number[], p: number): number => (p >= 0 && list.includes(p) ? list.indexOf(p) : Infinity);

export interface Limits {
  minStudents?: number;
  maxStudents: number;
  minPlacements?: number;
  maxPlacements: number;
  minCapacity?: number;
  maxCapacity: number;
  /** Lists are at least this long, or as long as there are placements. */
  minListLength?: number;
  maxListLength: number;
  /** Scores are integers in [0, maxScore]: a small range gives many ties. */
  maxScore: number;
}

export const SMALL: Limits = { maxStudents: 5, maxPlacements: 4, maxCapacity: 2, maxListLength: 4, maxScore: 2 };
export const MEDIUM: Limits = { maxStudents: 40, maxPlacements: 12, maxCapacity: 4, maxListLength: 8, maxScore: 3 };
/**
 * Full lists, a seat or two per placement and scores that disagree between placements: about one
 * instance in five has several stable matchings, so student-optimality is really put to the test.
 */
export const CONTESTED: Limits = {
  minStudents: 4,
  maxStudents: 6,
  minPlacements: 3,
  maxPlacements: 4,
  minCapacity: 1,
  maxCapacity: 2,
  minListLength: 4,
  maxListLength: 4,
  maxScore: 20,
};

export function instanceArbitrary(limits: Limits): fc.Arbitrary<DenseInstance> {
  return fc
    .record({
      students: fc.integer({ min: limits.minStudents ?? 0, max: limits.maxStudents }),
      placements: fc.integer({ min: limits.minPlacements ?? 0, max: limits.maxPlacements }),
    })
    .chain(({ students, placements }) => {
      const placementIndexes = Array.from({ length: placements }, (_, p) => p);
      return fc.record({
        capacities: fc.array(fc.integer({ min: limits.minCapacity ?? 0, max: limits.maxCapacity }), { minLength: placements, maxLength: placements }),
        lists: fc.array(
          fc.shuffledSubarray(placementIndexes, {
            minLength: Math.min(placements, limits.minListLength ?? 0),
            maxLength: Math.min(placements, limits.maxListLength),
          }),
          { minLength: students, maxLength: students },
        ),
        scores: fc.array(fc.array(fc.integer({ min: 0, max: limits.maxScore }), { minLength: placements, maxLength: placements }), {
          minLength: students,
          maxLength: students,
        }),
        lottery: fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: students, maxLength: students }),
      });
    });
}
