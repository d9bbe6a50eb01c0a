import type { Queryable } from '../../database/prepared-queries';
import { QualificationsRepository } from './qualifications.repository';
import { type RegisterProblem, registerProblems, type RegisterVersion } from './register-check';

export type { RegisterProblem, RegisterVersion } from './register-check';
export { canonicalCode, isWerkprocesCode, registerProblems, versionOn, WERKPROCES_CODE } from './register-check';

/** What other modules read of the register (R4): each crebo's versions, one statement for any number of crebos. */
export function registerVersionsOf(db: Queryable, crebos: readonly string[]): Promise<Map<string, RegisterVersion[]>> {
  return QualificationsRepository.versionsOf(db, crebos);
}

/** R4 at the door for many subjects: one statement, then the pure check of each. */
export async function registerProblemsOf(
  db: Queryable,
  subjects: readonly { crebo: string; date: string; werkprocessen?: readonly string[] }[],
): Promise<RegisterProblem[][]> {
  const versions = await registerVersionsOf(db, subjects.map((subject) => subject.crebo));
  return subjects.map((subject) => registerProblems(subject, versions.get(subject.crebo) ?? []));
}
