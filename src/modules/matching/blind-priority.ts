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

const normalise = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N} ]+/gu, ' ');
const DAY_MS = 86_400_000;

/** Normalised words and werkprocessen, computed once per student and placement in a round. */
const studentFeatures = new WeakMap<BlindProfile, { werkprocessen: string[]; wish: Set<string>; from: number; until: number }>();
const placementFeatures = new WeakMap<PlacementWork, { werkprocessen: Set<string>; titleWords: string[]; start: number; end: number }>();

function featuresOf(student: BlindProfile) {
  let features = studentFeatures.get(student);
  if (!features) {
    features = {
      werkprocessen: student.werkprocessen.map(normalise),
      wish: new Set(normalise(student.learningWish).split(' ').filter((word) => word.length > 2)),
      from: Date.parse(student.availableFrom),
      until: Date.parse(student.availableUntil),
    };
    studentFeatures.set(student, features);
  }
  return features;
}

function workOf(placement: PlacementWork) {
  let features = placementFeatures.get(placement);
  if (!features) {
    features = {
      werkprocessen: new Set(placement.werkprocessen.map(normalise)),
      titleWords: normalise(placement.title).split(' ').filter((word) => word.length > 2),
      start: Date.parse(placement.startDate),
      end: Date.parse(placement.endDate),
    };
    placementFeatures.set(placement, features);
  }
  return features;
}

export function blindPriority(student: BlindProfile, placement: PlacementWork): number {
  const { werkprocessen: wanted, wish, from, until } = featuresOf(student);
  const { werkprocessen: offered, titleWords, start, end } = workOf(placement);

  // Werkprocessen: the BPV exists to practise them; the share of hers that the place offers.
  const werkprocessen = wanted.length ? wanted.filter((w) => offered.has(w)).length / wanted.length : 0;

  // Availability: she can only be trained on the days and weeks she is there.
  const overlapDays = Math.max(0, (Math.min(until, end) - Math.max(from, start)) / DAY_MS + 1);
  const period = overlapDays / ((end - start) / DAY_MS + 1);
  const week = Math.min(1, student.daysPerWeek / placement.daysPerWeek, student.hoursPerWeek / placement.hoursPerWeek);
  const availability = Math.min(1, period) * week;

  // Learning wish: words of the placement's title in her own description of the work she wants.
  const learningWish = titleWords.length ? titleWords.filter((word) => wish.has(word)).length / titleWords.length : 0;

  const score = WEIGHTS.werkprocessen * werkprocessen + WEIGHTS.availability * availability + WEIGHTS.learningWish * learningWish;
  // Whole points: near-equal candidates tie and the round's lottery decides, not noise in the features.
  return Math.round(score);
}
