/**
 * The file formats of the matcher's command line (/work/shared/matching.md): `hr-instance/v1` in,
 * `hr-matching/v1` out. Every validation error names the offending entry by its JSON path.
 */
import type { MatchOutcome, MatchProblem } from './deferred-acceptance';

export const INSTANCE_FORMAT = 'hr-instance/v1';
export const MATCHING_FORMAT = 'hr-matching/v1';

export interface ParsedInstance {
  problem: MatchProblem;
  /** Index → id, in the order of the file. */
  studentIds: string[];
  placementIds: string[];
}

export interface MatchingJson {
  format: typeof MATCHING_FORMAT;
  solver: 'stagematch';
  assignment: Record<string, string | null>;
  cutoffs: Record<string, number | null>;
  timings_ms: { parse: number; solve: number };
}

/** Bad input; the message names the entry (e.g. `students[1].prefs[2]: unknown placement "p9"`). */
export class InstanceFormatError extends Error {
  override name = 'InstanceFormatError';
}

/** A JSON path, or a function building it: the hot loops build a path only when they fail. */
type Path = string | (() => string);

function fail(path: Path, message: string): never {
  throw new InstanceFormatError(`${typeof path === 'string' ? path : path()}: ${message}`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

function arrayAt(value: unknown, path: Path): unknown[] {
  return Array.isArray(value) ? value : fail(path, `expected an array, got ${show(value)}`);
}

function idAt(value: unknown, path: Path): string {
  return typeof value === 'string' && value !== '' ? value : fail(path, `expected a non-empty string id, got ${show(value)}`);
}

function numberAt(value: unknown, path: Path): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fail(path, `expected a finite number, got ${show(value)}`);
}

/** Parses the text of an `hr-instance/v1` file. */
export function parseInstanceText(text: string): ParsedInstance {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InstanceFormatError(`malformed JSON: ${(error as Error).message}`);
  }
  return parseInstance(value);
}

/**
 * Validates a parsed `hr-instance/v1` document and builds the engine's problem. A pair is
 * acceptable only when the student lists the placement and the placement names the student.
 * A `ranking` becomes scores `ranking.length - position` (the first gets the highest), so a
 * ranking placement's cutoff in the output is on that scale.
 */
export function parseInstance(value: unknown): ParsedInstance {
  if (!isObject(value)) fail('(root)', `expected an object, got ${show(value)}`);
  const root = value;
  if (root.format !== INSTANCE_FORMAT) fail('format', `expected "${INSTANCE_FORMAT}", got ${show(root.format)}`);

  const students = arrayAt(root.students, 'students');
  const placements = arrayAt(root.placements, 'placements');

  const studentIndex = new Map<string, number>();
  const studentIds = students.map((student, s) => {
    if (!isObject(student)) fail(`students[${s}]`, `expected an object, got ${show(student)}`);
    const id = idAt(student.id, `students[${s}].id`);
    if (studentIndex.has(id)) fail(`students[${s}].id`, `duplicate student id "${id}" (also students[${studentIndex.get(id)}])`);
    studentIndex.set(id, s);
    return id;
  });

  const placementIndex = new Map<string, number>();
  const placementIds = placements.map((placement, p) => {
    if (!isObject(placement)) fail(`placements[${p}]`, `expected an object, got ${show(placement)}`);
    const id = idAt(placement.id, `placements[${p}].id`);
    if (placementIndex.has(id)) fail(`placements[${p}].id`, `duplicate placement id "${id}" (also placements[${placementIndex.get(id)}])`);
    placementIndex.set(id, p);
    return id;
  });

  const knownStudent = (id: unknown, path: Path): number => {
    const s = studentIndex.get(idAt(id, path));
    return s === undefined ? fail(path, `unknown student ${show(id)}`) : s;
  };

  // Every (placement, student, score) a placement names, in flat arrays; regrouped by student below.
  const capacities = new Int32Array(placements.length);
  const namedPlacement: number[] = [];
  const namedStudent: number[] = [];
  const namedScore: number[] = [];
  const lastNamedBy = new Int32Array(students.length).fill(-1);
  placements.forEach((raw, p) => {
    const placement = raw as Record<string, unknown>; // checked above
    const capacity = placement.capacity;
    if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0 || capacity > 0x7fffffff) {
      fail(`placements[${p}].capacity`, `expected a non-negative integer, got ${show(capacity)}`);
    }
    capacities[p] = capacity;
    const hasRanking = placement.ranking !== undefined;
    const hasScores = placement.scores !== undefined;
    if (hasRanking === hasScores) fail(`placements[${p}]`, 'give exactly one of "ranking" or "scores"');
    const name = (s: number, score: number): void => {
      namedPlacement.push(p);
      namedStudent.push(s);
      namedScore.push(score);
    };
    if (hasRanking) {
      const ranking = arrayAt(placement.ranking, `placements[${p}].ranking`);
      ranking.forEach((id, position) => {
        const path = () => `placements[${p}].ranking[${position}]`;
        const s = knownStudent(id, path);
        if (lastNamedBy[s] === p) fail(path, `duplicate student ${show(id)}`);
        lastNamedBy[s] = p;
        name(s, ranking.length - position);
      });
    } else {
      if (!isObject(placement.scores)) fail(`placements[${p}].scores`, `expected an object, got ${show(placement.scores)}`);
      for (const [id, score] of Object.entries(placement.scores)) {
        const path = () => `placements[${p}].scores[${JSON.stringify(id)}]`;
        name(knownStudent(id, path), numberAt(score, path));
      }
    }
  });

  // Counting sort of the named pairs by student, so each student's scores can be looked up in O(1).
  const namedOffsets = new Int32Array(students.length + 1);
  for (const s of namedStudent) namedOffsets[s + 1]++;
  for (let s = 0; s < students.length; s++) namedOffsets[s + 1] += namedOffsets[s];
  const fillAt = namedOffsets.slice(0, students.length);
  const namedByStudentPlacement = new Int32Array(namedStudent.length);
  const namedByStudentScore = new Float64Array(namedStudent.length);
  namedStudent.forEach((s, i) => {
    namedByStudentPlacement[fillAt[s]] = namedPlacement[i];
    namedByStudentScore[fillAt[s]++] = namedScore[i];
  });

  const lottery = new Float64Array(students.length);
  if (root.tiebreak === undefined) {
    for (let s = 0; s < students.length; s++) lottery[s] = s;
  } else {
    if (!isObject(root.tiebreak)) fail('tiebreak', `expected an object, got ${show(root.tiebreak)}`);
    const given = new Set<number>();
    const holder = new Map<number, string>();
    for (const [id, number] of Object.entries(root.tiebreak)) {
      const path = `tiebreak[${JSON.stringify(id)}]`;
      const s = knownStudent(id, path);
      const n = numberAt(number, path);
      if (holder.has(n)) fail(path, `number ${n} is also given to "${holder.get(n)}"`);
      holder.set(n, id);
      given.add(s);
      lottery[s] = n;
    }
    const missing = studentIds.findIndex((_, s) => !given.has(s));
    if (missing >= 0) fail('tiebreak', `no number for student "${studentIds[missing]}" (students[${missing}])`);
  }

  const prefOffsets = new Int32Array(students.length + 1);
  const prefPlacements: number[] = [];
  const prefScores: number[] = [];
  // Per placement, for the current student: whether she listed it (and where) and whether it names her.
  const lastListedBy = new Int32Array(placements.length).fill(-1);
  const listedAt = new Int32Array(placements.length);
  const namesStudent = new Int32Array(placements.length).fill(-1);
  const scoreForStudent = new Float64Array(placements.length);
  students.forEach((raw, s) => {
    for (let i = namedOffsets[s]; i < namedOffsets[s + 1]; i++) {
      namesStudent[namedByStudentPlacement[i]] = s;
      scoreForStudent[namedByStudentPlacement[i]] = namedByStudentScore[i];
    }
    const prefs = arrayAt((raw as Record<string, unknown>).prefs, `students[${s}].prefs`);
    prefs.forEach((id, position) => {
      const path = () => `students[${s}].prefs[${position}]`;
      const p = placementIndex.get(idAt(id, path));
      if (p === undefined) fail(path, `unknown placement ${show(id)}`);
      if (lastListedBy[p] === s) fail(path, `duplicate placement ${show(id)} (also prefs[${listedAt[p]}])`);
      lastListedBy[p] = s;
      listedAt[p] = position;
      if (namesStudent[p] === s) {
        prefPlacements.push(p);
        prefScores.push(scoreForStudent[p]);
      }
    });
    prefOffsets[s + 1] = prefPlacements.length;
  });

  return {
    problem: {
      studentCount: students.length,
      capacities,
      prefOffsets,
      prefPlacements: Int32Array.from(prefPlacements),
      prefScores: Float64Array.from(prefScores),
      lottery,
    },
    studentIds,
    placementIds,
  };
}

/** The `hr-matching/v1` document: every student (null = unmatched), every placement's cutoff (null = not full). */
export function toMatchingJson(instance: ParsedInstance, outcome: MatchOutcome, timings: { parse: number; solve: number }): MatchingJson {
  const round = (ms: number): number => Math.round(ms * 1000) / 1000;
  return {
    format: MATCHING_FORMAT,
    solver: 'stagematch',
    // Object.fromEntries defines own properties, so an id like "__proto__" stays an ordinary key.
    assignment: Object.fromEntries(instance.studentIds.map((id, s) => [id, outcome.assignment[s] >= 0 ? instance.placementIds[outcome.assignment[s]] : null])),
    cutoffs: Object.fromEntries(instance.placementIds.map((id, p) => [id, Number.isNaN(outcome.cutoffScore[p]) ? null : outcome.cutoffScore[p]])),
    timings_ms: { parse: round(timings.parse), solve: round(timings.solve) },
  };
}
