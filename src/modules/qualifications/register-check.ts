/**
 * R4 against SBB's qualification register, as pure functions of facts passed in (no I/O): the
 * services check at the door with them and the compliance rule R4 judges placements with them.
 */

/** A dossier version as R4 reads it. Dates are YYYY-MM-DD; `validUntil` null is open-ended. */
export interface RegisterVersion {
  crebo: string;
  name: string;
  validFrom: string;
  validUntil: string | null;
  levels: number[];
  werkprocesCodes: string[];
}

/** A werkproces code of a kwalificatiedossier: basisdeel `B1-K1-W1` or profieldeel `P1-K1-W2`. */
export const WERKPROCES_CODE = /^[BP]\d{1,2}-K\d{1,2}-W\d{1,2}$/i;

/** An entry of a werkprocessen list that is written as a code (the rest are free-text notes). */
export const isWerkprocesCode = (entry: string): boolean => WERKPROCES_CODE.test(entry.trim());

/** The canonical form of a code (`b1-k1-w1` → `B1-K1-W1`). */
export const canonicalCode = (entry: string): string => entry.trim().toUpperCase();

/** The version of a crebo in force on `date`, or undefined. */
export function versionOn(versions: readonly RegisterVersion[], date: string): RegisterVersion | undefined {
  return versions.find((version) => version.validFrom <= date && (version.validUntil === null || version.validUntil >= date));
}

export interface RegisterProblem {
  /** `crebo` or `werkprocessen.<index>`. */
  field: string;
  message: string;
}

/**
 * R4: the crebo is in the register and its dossier valid on `date` (the date that matters: a
 * placement's or internship's start, a student's first available day, a commitment's school year);
 * each werkproces written as a code is a code of that dossier version. Free text is a note and
 * checked by nothing.
 */
export function registerProblems(
  subject: { crebo: string; date: string; werkprocessen?: readonly string[] },
  versions: readonly RegisterVersion[],
): RegisterProblem[] {
  if (!versions.length) return [{ field: 'crebo', message: `crebo ${subject.crebo} is not in the qualification register (R4)` }];
  const version = versionOn(versions, subject.date);
  if (!version) {
    const periods = versions.map((v) => `${v.validFrom}–${v.validUntil ?? '…'}`).join(', '); // dates only: the same in Dutch
    return [{ field: 'crebo', message: `crebo ${subject.crebo} is not valid on ${subject.date} (register: ${periods}) (R4)` }];
  }
  const codes = new Set(version.werkprocesCodes);
  // Stryker disable next-line ArrayDeclaration: an entry added to no werkprocessen is no code, so it is never refused
  return (subject.werkprocessen ?? []).flatMap((entry, index) =>
    isWerkprocesCode(entry) && !codes.has(canonicalCode(entry))
      ? [{ field: `werkprocessen.${index}`, message: `werkproces ${canonicalCode(entry)} is not a werkproces of crebo ${subject.crebo} (${version.name}) (R4)` }]
      : [],
  );
}

/**
 * R4 for something with several crebos (a placement): each crebo as `registerProblems` (field
 * `crebos.<index>`), and each werkproces code belongs to the dossier of at least one of them.
 */
export function multiRegisterProblems(
  subject: { crebos: readonly string[]; date: string; werkprocessen?: readonly string[] },
  versionsOf: (crebo: string) => readonly RegisterVersion[],
): RegisterProblem[] {
  const problems: RegisterProblem[] = [];
  const codes = new Set<string>();
  subject.crebos.forEach((crebo, index) => {
    const found = registerProblems({ crebo, date: subject.date }, versionsOf(crebo));
    problems.push(...found.map((problem) => ({ ...problem, field: `crebos.${index}` })));
    // Stryker disable next-line ArrayDeclaration: a made-up code in the set matches no werkproces code
    for (const code of versionOn(versionsOf(crebo), subject.date)?.werkprocesCodes ?? []) codes.add(code);
  });
  if (problems.length) return problems;
  (subject.werkprocessen ?? []).forEach((entry, index) => {
    if (isWerkprocesCode(entry) && !codes.has(canonicalCode(entry))) {
      problems.push({ field: `werkprocessen.${index}`, message: `werkproces ${canonicalCode(entry)} is not a werkproces of crebo ${subject.crebos.join(' or ')} (R4)` });
    }
  });
  return problems;
}
