import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/roles';
import { type AccreditationTerms, accreditationTermsOfBranches, type TrainerTerms, trainerLoads, trainerTermsByIds } from '../companies/companies.facts';
import { sectorsOf } from '../organizations/organizations.facts';
import { registerVersionsOf } from '../qualifications/qualifications.facts';
import { applyVerdicts } from '../placements/placement-verdicts';
import type { PlacementEntity } from '../placements/placement.entity';
import { lockLiveBatch, publishedSiblings, type PlacementVerdict, type ReevaluationScope } from '../placements/placements.repository';
import { insertEvaluations, normSetsByEffectiveDate } from './compliance.repository';
import { ComplianceStatus, EvaluationTrigger } from './compliance-status';
import type { NormSetEntity } from './norm-set.entity';
import { evaluateCompliance } from './rule-engine';
import type { ComplianceContext } from './rules/rule';

export type { ReevaluationScope } from '../placements/placements.repository';

/** A verdict with the norm-set version that reached it. */
export interface PlacementEvaluation extends PlacementVerdict {
  normSet: NormSetEntity;
}

/** Every norm-set version by effective date; a placement is judged by the one in force on its start date. */
export class NormSetHistory {
  private constructor(private readonly versions: NormSetEntity[]) {}

  static async load(manager: EntityManager): Promise<NormSetHistory> {
    const versions = await normSetsByEffectiveDate(manager);
    if (!versions.length) throw new Error('No norm set exists; the migrations create version 1');
    return new NormSetHistory(versions);
  }

  inForceOn(date: string): NormSetEntity {
    return this.versions.findLast((version) => version.effectiveFrom <= date) ?? this.versions[0];
  }

  get latest(): NormSetEntity {
    return this.versions[this.versions.length - 1];
  }
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return groups;
}

/** A trainer as R5–R7 see her: her terms and the students she already guides. */
export function trainerContext({ id: _, ...terms }: TrainerTerms, activeStudents: number): NonNullable<ComplianceContext['trainer']> {
  return { ...terms, activeStudents };
}

/** A branch's accreditations as R1 sees them. */
export function accreditationContexts(accreditations: AccreditationTerms[]): ComplianceContext['accreditations'] {
  return accreditations.map(({ crebo, status, grantedOn, validUntil }) => ({ crebo, status, grantedOn, validUntil }));
}

/**
 * Loads what the rules look at for many placements at once: six queries whatever their number,
 * one after another (a transaction has one connection), each from the module that owns the data.
 */
export async function loadContexts(manager: EntityManager, placements: PlacementEntity[]): Promise<Map<string, ComplianceContext>> {
  const ids = placements.map((p) => p.id);
  const sectorOf = await sectorsOf(manager, placements.map((p) => p.companyId));
  const accreditations = await accreditationTermsOfBranches(manager, [...new Set(placements.map((p) => p.branchId))]);
  const trainers = await trainerTermsByIds(manager, [...new Set(placements.flatMap((p) => (p.trainerId ? [p.trainerId] : [])))]);
  // R6: students the trainer guides at other placements during this placement's period.
  const withTrainer = placements.filter((p) => p.trainerId);
  const loads = await trainerLoads(
    manager,
    withTrainer.map((p) => ({ trainerId: p.trainerId!, startDate: p.startDate, endDate: p.endDate, exceptPlacementId: p.id })),
  );
  const siblings = await publishedSiblings(manager, ids);
  const register = await registerVersionsOf(manager, [...new Set(placements.flatMap((p) => p.crebos))]);
  const trainerById = new Map(trainers.map((trainer) => [trainer.id, trainer]));
  const loadOf = new Map(withTrainer.map((p, index) => [p.id, loads[index]]));
  const accreditationsOf = groupBy(accreditations, (a) => a.branchId);
  const siblingsOf = groupBy(siblings, (s) => s.id);
  const contexts = new Map<string, ComplianceContext>();
  for (const placement of placements) {
    const trainer = placement.trainerId ? trainerById.get(placement.trainerId) : undefined;
    contexts.set(placement.id, {
      placement,
      sector: sectorOf.get(placement.companyId)!,
      accreditations: accreditationContexts(accreditationsOf.get(placement.branchId) ?? []),
      trainer: trainer ? trainerContext(trainer, loadOf.get(placement.id) ?? 0) : null,
      register: Object.fromEntries(placement.crebos.map((crebo) => [crebo, register.get(crebo) ?? []])),
      siblings: (siblingsOf.get(placement.id) ?? []).map(({ level, hoursPerWeek, stipendMonthlyCents }) => ({ level, hoursPerWeek, stipendMonthlyCents })),
    });
  }
  return contexts;
}

/** Judges placements against the norm set in force on each one's start date. Writes nothing. */
export async function evaluatePlacements(manager: EntityManager, placements: PlacementEntity[]): Promise<PlacementEvaluation[]> {
  if (!placements.length) return [];
  const norms = await NormSetHistory.load(manager);
  const contexts = await loadContexts(manager, placements);
  return placements.map((placement) => {
    const normSet = norms.inForceOn(placement.startDate);
    const { verdict, findings } = evaluateCompliance(contexts.get(placement.id)!, normSet.norms);
    return { placement, normSet, normSetId: normSet.id, normSetVersion: normSet.version, verdict: ComplianceStatus[verdict], findings };
  });
}

/** Stores the evaluations placements applied: the compliance history (compliance_evaluations). */
export async function storeEvaluations(manager: EntityManager, applied: PlacementVerdict[], trigger: EvaluationTrigger): Promise<void> {
  if (!applied.length) return;
  await insertEvaluations(
    manager,
    applied.map(({ placement, normSetId, normSetVersion, verdict, findings }) => ({
      placementId: placement.id,
      companyId: placement.companyId,
      normSetId,
      normSetVersion,
      trigger,
      verdict,
      findings,
    })),
  );
}

/**
 * Evaluations applied to their placements by the placements module (which decides a status, R2)
 * and stored here; for callers outside Nest (the demo seed). Services use PlacementsService.
 */
export function recordEvaluations(
  manager: EntityManager,
  evaluations: PlacementEvaluation[],
  trigger: EvaluationTrigger,
  actor: Actor | null,
  { onlyChanged = false, now = new Date() } = {},
): Promise<{ suspended: string[] }> {
  return applyVerdicts(manager, evaluations, trigger, actor, { onlyChanged, now, record: (applied) => storeEvaluations(manager, applied, trigger) });
}

/**
 * Re-evaluates one batch of live placements in scope, after `afterId` in id order, under row
 * locks; returns the last id, or null when the scope is exhausted. For callers outside Nest (the
 * benchmark); services use PlacementsService.reevaluateBatch.
 */
export async function reevaluateBatch(
  manager: EntityManager,
  scope: ReevaluationScope,
  trigger: EvaluationTrigger,
  afterId: string | null,
  actor: Actor | null = null,
  batchSize = 500,
): Promise<{ lastId: string | null; suspended: string[] }> {
  const placements = await lockLiveBatch(manager, scope, afterId, batchSize);
  if (!placements.length) return { lastId: null, suspended: [] };
  const { suspended } = await recordEvaluations(manager, await evaluatePlacements(manager, placements), trigger, actor, { onlyChanged: true });
  return { lastId: placements.length < batchSize ? null : placements[placements.length - 1].id, suspended };
}
