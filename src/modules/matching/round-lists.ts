import { placementFeatures, priority, studentFeatures, type PlacementFeatures, Vocabulary } from './blind-priority';
import { constraintBroken, Ineligibility, type PlacementConstraints, placementConstraints, studentConstraints } from './eligibility';
import { lotteryOf } from './lottery';
import type { PlacementFacts, RoundStudentRow } from './matching.repository';

/** A typed array that doubles when full, for lists whose length is known only at the end. */
class Growable<T extends Int32Array | Float64Array | Uint8Array> {
  private data: T;
  length = 0;

  constructor(private readonly make: (length: number) => T) {
    this.data = make(1 << 12);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index];
  }

  /** The values pushed, without copying them. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const int32 = () => new Growable((n) => new Int32Array(n));
const INELIGIBILITIES = Object.values(Ineligibility);
/** 1 + the index of each reason in `INELIGIBILITIES` (0 is eligible). */
const REFUSAL_CODES = new Map(INELIGIBILITIES.map((reason, index) => [reason, index + 1]));

/**
 * A round's students as the solver and the explanations need them, built one student at a time as
 * she is loaded (eligibility, then the blind priority of each eligible entry), in typed arrays: a
 * national round of half a million students keeps no row object of hers.
 *
 * Two CSRs over the students: her whole list (`listPlacements`, -1 outside the round, and per entry
 * why it is ineligible), and the solver's list of her eligible entries (`prefPlacements`, their
 * priorities and `eligibleRanks`, each one's position in her whole list).
 */
export class RoundLists {
  readonly ids: string[] = [];
  readonly schoolIds: string[] = [];
  private readonly schools = new Map<string, string>();
  private readonly lotteryNumbers = new Growable((n) => new Float64Array(n));
  private readonly listOffsets = int32();
  private readonly listEntries = int32();
  /** Per entry of her whole list: 0 when eligible, else 1 + the index of the reason in `Ineligibility`. */
  private readonly refusals = new Growable((n) => new Uint8Array(n));
  private readonly outside = new Map<number, string[]>();
  private readonly offsets = int32();
  private readonly entries = int32();
  private readonly scores = new Growable((n) => new Float64Array(n));
  private readonly ranks = int32();
  private readonly vocabulary = new Vocabulary();
  private readonly work: PlacementFeatures[];
  private readonly constraints: PlacementConstraints[];
  private readonly lotteryNumber: (studentId: string) => number;

  constructor(
    placements: PlacementFacts[],
    lotterySeed: string,
  ) {
    this.lotteryNumber = lotteryOf(lotterySeed);
    this.work = placements.map((placement) => placementFeatures(placement, this.vocabulary));
    this.constraints = placements.map((placement) => placementConstraints(placement, this.vocabulary));
    this.listOffsets.push(0);
    this.offsets.push(0);
  }

  get count(): number {
    return this.ids.length;
  }

  /** Adds the next student (in id order). */
  add(student: RoundStudentRow): void {
    const s = this.ids.length;
    this.ids.push(student.id);
    let school = this.schools.get(student.schoolId);
    if (school === undefined) this.schools.set(student.schoolId, (school = student.schoolId));
    this.schoolIds.push(school);
    // A student whose internship ended early goes first among equal scores: her number drops below [0, 1).
    this.lotteryNumbers.push(this.lotteryNumber(student.id) - (student.rematchPriority ? 1 : 0));
    if (student.outsideRound) this.outside.set(s, student.outsideRound);
    const constraints = studentConstraints(student, this.vocabulary);
    let profile: ReturnType<typeof studentFeatures> | null = null;
    for (let rank = 0; rank < student.prefs.length; rank += 1) {
      const index = student.prefs[rank];
      this.listEntries.push(index);
      const reason = index < 0 ? Ineligibility.OUT_OF_ROUND : constraintBroken(constraints, this.constraints[index]);
      this.refusals.push(reason ? REFUSAL_CODES.get(reason)! : 0);
      if (reason) continue;
      profile ??= studentFeatures(student, this.vocabulary);
      this.entries.push(index);
      this.scores.push(priority(profile, this.work[index]));
      this.ranks.push(rank);
    }
    this.listOffsets.push(this.listEntries.length);
    this.offsets.push(this.entries.length);
  }

  /** The solver's input over the eligible entries (views, not copies). */
  problem(): { prefOffsets: Int32Array; prefPlacements: Int32Array; prefScores: Float64Array; lottery: Float64Array } {
    return { prefOffsets: this.offsets.view(), prefPlacements: this.entries.view(), prefScores: this.scores.view(), lottery: this.lotteryNumbers.view() };
  }

  /** The position in her whole list (0-based) of eligible entry k of the solver's lists. */
  rankOf(k: number): number {
    return this.ranks.get(k);
  }

  /** Her whole list: each entry's placement index (-1 outside the round) and why it is ineligible (null: eligible). */
  list(s: number): { placements: Int32Array; refusals: (Ineligibility | null)[]; outsideRound: string[] } {
    const [begin, end] = [this.listOffsets.get(s), this.listOffsets.get(s + 1)];
    return {
      placements: this.listEntries.view().subarray(begin, end),
      refusals: Array.from(this.refusals.view().subarray(begin, end), (code) => (code ? INELIGIBILITIES[code - 1] : null)),
      outsideRound: this.outside.get(s) ?? [],
    };
  }
}
