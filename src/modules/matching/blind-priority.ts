import { canonicalCode, isWerkprocesCode } from '../qualifications/register-check';
/**
 * The blind priority a placement gives a student (0–100, higher first). R20/R24: it reads only
 * job-related fields, listed in the two types below. Name, age, gender, nationality, address,
 * postcode, distance, school and protected attributes are not among them, and the matching module
 * does not import the entities that hold them (blind-priority.spec.ts fails if it ever does).
 */
export interface BlindProfile {
  /** The werkprocessen of her qualification she wants to practise. */
  werkprocessen: string[];
  /** Her own words about the work she wants to learn. */
  learningWish: string;
  availableFrom: string;
  availableUntil: string;
  daysPerWeek: number;
  hoursPerWeek: number;
}

export interface PlacementWork {
  title: string;
  werkprocessen: string[];
  startDate: string;
  endDate: string;
  daysPerWeek: number;
  hoursPerWeek: number;
}

const WEIGHTS = { werkprocessen: 60, availability: 30, learningWish: 10 };
const DAY_MS = 86_400_000;

// Stryker disable next-line MethodExpression: folding to upper instead of lower case matches the same Dutch words (both sides are folded alike)
const normalise = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N} ]+/gu, ' ');
const words = (text: string) => normalise(text).split(' ').filter((word) => word.length > 2);

/**
 * What the werkprocessen overlap compares (R4, issue #18): the werkproces codes of the register
 * (`b1-k1-w1` = `B1-K1-W1`) when the list has any, so a code matches only the same code; a list of
 * free-text notes only (written before the register) is compared as normalised text.
 */
export const werkprocesTerms = (werkprocessen: string[]): string[] => {
  const codes = werkprocessen.filter(isWerkprocesCode).map(canonicalCode);
  return codes.length ? codes : werkprocessen.map(normalise);
};

/**
 * Words and werkprocessen as small integers, so a round scores a million pairs by comparing
 * numbers. One vocabulary per round (or per single call).
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();

  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) this.ids.set(term, (id = this.ids.size));
    return id;
  }

  idsOf(terms: string[]): Int32Array {
    return Int32Array.from(terms, (term) => this.idOf(term));
  }
}

export interface StudentFeatures {
  werkprocessen: Int32Array;
  wish: Int32Array;
  from: number;
  until: number;
  daysPerWeek: number;
  hoursPerWeek: number;
}

export interface PlacementFeatures {
  werkprocessen: Int32Array;
  titleWords: Int32Array;
  start: number;
  end: number;
  daysPerWeek: number;
  hoursPerWeek: number;
}

export const studentFeatures = (student: BlindProfile, vocabulary: Vocabulary): StudentFeatures => ({
  werkprocessen: vocabulary.idsOf(werkprocesTerms(student.werkprocessen)),
  wish: vocabulary.idsOf(words(student.learningWish)),
  from: Date.parse(student.availableFrom),
  until: Date.parse(student.availableUntil),
  daysPerWeek: student.daysPerWeek,
  hoursPerWeek: student.hoursPerWeek,
});

export const placementFeatures = (placement: PlacementWork, vocabulary: Vocabulary): PlacementFeatures => ({
  werkprocessen: vocabulary.idsOf(werkprocesTerms(placement.werkprocessen)),
  titleWords: vocabulary.idsOf(words(placement.title)),
  start: Date.parse(placement.startDate),
  end: Date.parse(placement.endDate),
  daysPerWeek: placement.daysPerWeek,
  hoursPerWeek: placement.hoursPerWeek,
});

/** How many of `terms` occur in `among` (both a handful of ids). */
function shared(terms: Int32Array, among: Int32Array): number {
  let count = 0;
  for (const term of terms) if (among.includes(term)) count += 1;
  return count;
}

export function priority(student: StudentFeatures, placement: PlacementFeatures): number {
  // Werkprocessen: the BPV exists to practise them; the share of hers that the place offers.
  const werkprocessen = student.werkprocessen.length ? shared(student.werkprocessen, placement.werkprocessen) / student.werkprocessen.length : 0;

  // Availability: she can only be trained on the days and weeks she is there.
  const overlapDays = Math.max(0, (Math.min(student.until, placement.end) - Math.max(student.from, placement.start)) / DAY_MS + 1);
  const period = Math.min(1, overlapDays / ((placement.end - placement.start) / DAY_MS + 1));
  const week = Math.min(1, student.daysPerWeek / placement.daysPerWeek, student.hoursPerWeek / placement.hoursPerWeek);

  // Learning wish: words of the placement's title in her own description of the work she wants.
  const learningWish = placement.titleWords.length ? shared(placement.titleWords, student.wish) / placement.titleWords.length : 0;

  const score = WEIGHTS.werkprocessen * werkprocessen + WEIGHTS.availability * period * week + WEIGHTS.learningWish * learningWish;
  // Whole points: near-equal candidates tie and the round's lottery decides, not noise in the features.
  return Math.round(score);
}

/** One pair's priority (a round prepares the features once instead). */
export function blindPriority(student: BlindProfile, placement: PlacementWork): number {
  const vocabulary = new Vocabulary();
  return priority(studentFeatures(student, vocabulary), placementFeatures(placement, vocabulary));
}
