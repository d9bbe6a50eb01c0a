import type { EntityManager } from 'typeorm';
import type { Leerweg } from '../../common/qualification';
import { accreditationTermsOfBranches, trainerLoads, trainerTermsByIds } from '../companies/companies.facts';
import { sectorsOf } from '../organizations/organizations.facts';
import { accreditationContexts, NormSetHistory, trainerContext } from './placement-compliance';
import { evaluateCompliance, type ComplianceVerdict } from './rule-engine';
import { HOURS_RULES } from './rules';
import type { ActualHoursContext, ComplianceContext, Finding } from './rules/rule';

/** The terms of an internship that did not come from a placement's match (a self-found one), as the rules judge them. */
export interface InternshipTerms {
  companyId: string;
  branchId: string;
  crebo: string;
  level: number;
  leerweg: Leerweg;
  startDate: string;
  endDate: string;
  daysPerWeek: number;
  hoursPerWeek: number;
  stipendMonthlyCents: number;
  expenseAllowanceCents: number;
  trainerId: string | null;
  /** R14 and R11 by her age on the start date. */
  student: { dateOfBirth: string };
}

/**
 * The same rules a placement meets, on an internship's own terms (issue #16): R1 an active
 * accreditation of that branch for the crebo on the start date, R5–R7 the praktijkopleider (R6
 * counts the students she already guides in that period), R10–R16 hours, stipend and wage by
 * leerweg and the student's age. Judged by the norm set in force on the start date. Writes nothing.
 */
export async function judgeInternshipTerms(
  manager: EntityManager,
  terms: InternshipTerms,
): Promise<{ verdict: ComplianceVerdict; findings: Finding[]; normSetVersion: number }> {
  const sector = (await sectorsOf(manager, [terms.companyId])).get(terms.companyId)!;
  const accreditations = await accreditationTermsOfBranches(manager, [terms.branchId]);
  const [trainer] = terms.trainerId ? await trainerTermsByIds(manager, [terms.trainerId]) : [];
  const [guiding] = trainer ? await trainerLoads(manager, [{ trainerId: trainer.id, startDate: terms.startDate, endDate: terms.endDate }]) : [0];
  const context: ComplianceContext = {
    placement: { ...terms, crebos: [terms.crebo] },
    sector,
    accreditations: accreditationContexts(accreditations),
    trainer: trainer ? trainerContext(trainer, guiding) : null,
    // R1 asks the accreditation for the crebo of this internship.
    student: { crebo: terms.crebo, dateOfBirth: terms.student.dateOfBirth },
    siblings: [],
  };
  const normSet = (await NormSetHistory.load(manager)).inForceOn(terms.startDate);
  return { ...evaluateCompliance(context, normSet.norms), normSetVersion: normSet.version };
}

/** The terms a change of praktijkopleider is judged on: the internship's own (its current POK). */
export interface PraktijkopleiderChange {
  companyId: string;
  trainerId: string;
  crebo: string;
  level: number;
  leerweg: Leerweg;
  startDate: string;
  endDate: string;
  hoursPerWeek: number;
}

/**
 * R5–R7 for another praktijkopleider taking over an internship (issue #16): hers, employed by the
 * company, qualified (R7), and with room for one more student in the internship's period (R6
 * counts the students she already guides). The caller holds her row lock. Writes nothing.
 */
export async function judgePraktijkopleider(
  manager: EntityManager,
  change: PraktijkopleiderChange,
): Promise<{ verdict: ComplianceVerdict; findings: Finding[]; normSetVersion: number }> {
  const sector = (await sectorsOf(manager, [change.companyId])).get(change.companyId)!;
  const [trainer] = await trainerTermsByIds(manager, [change.trainerId]);
  const [guiding] = await trainerLoads(manager, [{ trainerId: change.trainerId, startDate: change.startDate, endDate: change.endDate }]);
  const context: ComplianceContext = {
    placement: { ...change, crebos: [change.crebo], daysPerWeek: 0, stipendMonthlyCents: 0, expenseAllowanceCents: 0 },
    sector,
    accreditations: [],
    trainer: trainer ? trainerContext(trainer, guiding) : null,
  };
  const normSet = (await NormSetHistory.load(manager)).inForceOn(change.startDate);
  return { ...evaluateCompliance(context, normSet.norms, ['R5', 'R6', 'R7']), normSetVersion: normSet.version };
}

/**
 * The rules on an internship's actual hours (issue #17: R8 against the POK's weekly hours, R10,
 * R11 with its under-18 limits, R12), under the norm set in force on its start date. Writes
 * nothing; a finding refuses nothing: the internship records it and SBB and the school see it.
 */
export async function judgeActualHours(manager: EntityManager, context: ActualHoursContext): Promise<Finding[]> {
  const { norms } = (await NormSetHistory.load(manager)).inForceOn(context.startDate);
  return HOURS_RULES.flatMap((rule) =>
    rule.evaluate(context, norms).map(({ severity, ...finding }) => ({ rule: rule.id, severity: severity ?? norms.severities[rule.id] ?? rule.defaultSeverity, ...finding })),
  );
}
