import type { EntityManager } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { recordEvents } from '../events/outbox';
import { ComplianceEvent } from './compliance.events';
import type { Sector } from '../organizations/sector';
import { PlacementEntity, PlacementStatus } from '../placements/placement.entity';
import { ComplianceEvaluationEntity } from './compliance-evaluation.entity';
import { ComplianceStatus, EvaluationTrigger } from './compliance-status';
import { NormSetEntity } from './norm-set.entity';
import { evaluateCompliance } from './rule-engine';
import type { ComplianceContext, Finding } from './rules/rule';

/** The placements the engine keeps judging: everything not closed. */
const LIVE_STATUSES = [PlacementStatus.DRAFT, PlacementStatus.PUBLISHED, PlacementStatus.SUSPENDED];

export interface PlacementEvaluation {
  placement: PlacementEntity;
  normSet: NormSetEntity;
  verdict: ComplianceStatus;
  findings: Finding[];
}

/** Every norm-set version by effective date; a placement is judged by the one in force on its start date. */
export class NormSetHistory {
  private constructor(private readonly versions: NormSetEntity[]) {}

  static async load(manager: EntityManager): Promise<NormSetHistory> {
    const versions = await manager.find(NormSetEntity, { order: { effectiveFrom: 'ASC' } });
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

type TrainerRow = Omit<NonNullable<ComplianceContext['trainer']>, 'activeStudents'> & { id: string };

/**
 * Loads what the rules look at for many placements at once: five queries whatever their number,
 * one after another (a transaction has one connection).
 */
export async function loadContexts(manager: EntityManager, placements: PlacementEntity[]): Promise<Map<string, ComplianceContext>> {
  const ids = placements.map((p) => p.id);
  const sectors = await manager.query<{ id: string; sector: Sector }[]>('SELECT id, sector FROM organizations WHERE id = ANY($1)', [
    [...new Set(placements.map((p) => p.companyId))],
  ]);
  const accreditations = await manager.query<{ branch_id: string; crebo: string; status: string; granted_on: string; valid_until: string | null }[]>(
    'SELECT branch_id, crebo, status, granted_on::text, valid_until::text FROM accreditations WHERE branch_id = ANY($1)',
    [[...new Set(placements.map((p) => p.branchId))]],
  );
  const trainers = await manager.query<TrainerRow[]>(
    `SELECT id, company_id AS "companyId", qualification_level AS "qualificationLevel", years_of_experience AS "yearsOfExperience",
            course_completed_on::text AS "courseCompletedOn", refresher_completed_on::text AS "refresherCompletedOn",
            sector_training_completed_on::text AS "sectorTrainingCompletedOn", sector_training_deadline::text AS "sectorTrainingDeadline"
       FROM trainers WHERE id = ANY($1)`,
    [[...new Set(placements.flatMap((p) => (p.trainerId ? [p.trainerId] : [])))]],
  );
  // R6: students the trainer guides at other placements during this placement's period.
  const loads = await manager.query<{ id: string; students: number }[]>(
    `SELECT p.id, count(*)::int AS students FROM placements p
       JOIN trainer_assignments a ON a.trainer_id = p.trainer_id AND a.placement_id <> p.id AND a.ended_at IS NULL
                                 AND a.start_date <= p.end_date AND a.end_date >= p.start_date
      WHERE p.id = ANY($1) GROUP BY p.id`,
    [ids],
  );
  // R16: the company's published placements for the same crebo and hours. The materialised
  // candidates keep the planner from probing the crebos GIN index once per placement.
  const siblings = await manager.query<{ id: string; level: number; hoursPerWeek: number; stipendMonthlyCents: number }[]>(
    `WITH batch AS MATERIALIZED (SELECT id, company_id, crebos, hours_per_week FROM placements WHERE id = ANY($1)),
          candidates AS MATERIALIZED (
            SELECT id, company_id, crebos, level, hours_per_week, stipend_monthly_cents FROM placements
             WHERE status = 'PUBLISHED' AND company_id IN (SELECT company_id FROM batch))
     SELECT b.id, c.level, c.hours_per_week AS "hoursPerWeek", c.stipend_monthly_cents AS "stipendMonthlyCents"
       FROM batch b JOIN candidates c ON c.company_id = b.company_id AND c.id <> b.id AND c.crebos && b.crebos AND c.hours_per_week = b.hours_per_week`,
    [ids],
  );
  const sectorOf = new Map(sectors.map((row) => [row.id, row.sector]));
  const trainerById = new Map(trainers.map(({ id, ...trainer }) => [id, trainer]));
  const loadOf = new Map(loads.map((row) => [row.id, row.students]));
  const accreditationsOf = groupBy(accreditations, (a) => a.branch_id);
  const siblingsOf = groupBy(siblings, (s) => s.id);
  const contexts = new Map<string, ComplianceContext>();
  for (const placement of placements) {
    const trainer = placement.trainerId ? trainerById.get(placement.trainerId) : undefined;
    contexts.set(placement.id, {
      placement,
      sector: sectorOf.get(placement.companyId)!,
      accreditations: (accreditationsOf.get(placement.branchId) ?? []).map((a) => ({ crebo: a.crebo, status: a.status, grantedOn: a.granted_on, validUntil: a.valid_until })),
      trainer: trainer ? { ...trainer, activeStudents: loadOf.get(placement.id) ?? 0 } : null,
      siblings: siblingsOf.get(placement.id) ?? [],
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
    return { placement, normSet, verdict: ComplianceStatus[verdict], findings };
  });
}

const fingerprint = (findings: Finding[]): string => findings.map((f) => `${f.rule}|${f.severity}|${f.field}|${f.message}`).join('\n');

const sameOutcome = ({ placement, normSet, findings }: PlacementEvaluation): boolean =>
  placement.normSetVersion === normSet.version && fingerprint(placement.complianceFindings) === fingerprint(findings);

const suspends = ({ placement, verdict }: PlacementEvaluation): boolean =>
  placement.status === PlacementStatus.PUBLISHED && verdict === ComplianceStatus.BLOCKED;

/**
 * Stores evaluations and puts them on their placements. A published placement with BLOCK findings
 * is suspended, audited and announced to the company and its schools (R2). With `onlyChanged`
 * (re-evaluations the system runs), an outcome equal to the placement's current one stores nothing.
 */
export async function recordEvaluations(
  manager: EntityManager,
  evaluations: PlacementEvaluation[],
  trigger: EvaluationTrigger,
  actor: Actor | null,
  { onlyChanged = false } = {},
): Promise<{ suspended: string[] }> {
  const changed = evaluations.filter((evaluation) => !onlyChanged || !sameOutcome(evaluation) || suspends(evaluation));
  if (!changed.length) return { suspended: [] };
  const suspended: string[] = [];
  for (const evaluation of changed) {
    const { placement, normSet, verdict, findings } = evaluation;
    if (suspends(evaluation)) {
      placement.status = PlacementStatus.SUSPENDED;
      placement.suspendedAt = new Date();
      suspended.push(placement.id);
    }
    placement.complianceStatus = placement.status === PlacementStatus.SUSPENDED ? ComplianceStatus.SUSPENDED : verdict;
    placement.complianceFindings = findings;
    placement.complianceRules = [...new Set(findings.map((f) => f.rule))].sort();
    placement.normSetVersion = normSet.version;
    placement.evaluatedAt = new Date();
  }
  await manager.insert(
    ComplianceEvaluationEntity,
    changed.map(({ placement, normSet, verdict, findings }) => ({
      placementId: placement.id,
      companyId: placement.companyId,
      normSetId: normSet.id,
      normSetVersion: normSet.version,
      trigger,
      verdict,
      findings,
    })),
  );
  const placements = changed.map(({ placement }) => placement);
  await manager.query(
    `UPDATE placements p
        SET status = v.status::placement_status, suspended_at = v.suspended_at, compliance_status = v.compliance_status::compliance_status,
            compliance_findings = v.findings, compliance_rules = v.rules::text[], norm_set_version = v.version, evaluated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::jsonb[], $6::text[], $7::int[])
            AS v(id, status, suspended_at, compliance_status, findings, rules, version)
      WHERE p.id = v.id`,
    [
      placements.map((p) => p.id),
      placements.map((p) => p.status),
      placements.map((p) => p.suspendedAt),
      placements.map((p) => p.complianceStatus),
      placements.map((p) => JSON.stringify(p.complianceFindings)),
      placements.map((p) => `{${p.complianceRules.join(',')}}`),
      placements.map((p) => p.normSetVersion),
    ],
  );
  if (suspended.length) {
    await recordAudit(
      manager,
      actor,
      changed
        .filter(({ placement }) => suspended.includes(placement.id))
        .map(({ placement, normSet, findings }) => ({
          action: 'placement.suspended',
          entityType: 'placement',
          entityId: placement.id,
          after: { trigger, normSetVersion: normSet.version, rules: placement.complianceRules, findings },
        })),
    );
    await recordEvents(manager, ComplianceEvent.PLACEMENT_SUSPENDED, suspended.map((placementId) => ({ placementId })));
  }
  return { suspended };
}

export interface ReevaluationScope {
  branchId?: string;
  /** Placements starting on or after this date (those a new norm-set version governs). */
  startingFrom?: string;
}

/**
 * Re-evaluates one batch of live placements in scope, after `afterId` in id order, under row
 * locks; returns the last id, or null when the scope is exhausted. `actor` is who caused it
 * (SBB revoking an accreditation), null for the system's own runs.
 */
export async function reevaluateBatch(
  manager: EntityManager,
  scope: ReevaluationScope,
  trigger: EvaluationTrigger,
  afterId: string | null,
  actor: Actor | null = null,
  batchSize = 500,
): Promise<{ lastId: string | null; suspended: string[] }> {
  const query = manager
    .createQueryBuilder(PlacementEntity, 'placement')
    .where('placement.status IN (:...live)', { live: LIVE_STATUSES })
    .orderBy('placement.id')
    .limit(batchSize)
    .setLock('pessimistic_write');
  if (afterId) query.andWhere('placement.id > :afterId', { afterId });
  if (scope.branchId) query.andWhere('placement.branchId = :branchId', { branchId: scope.branchId });
  if (scope.startingFrom) query.andWhere('placement.startDate >= :startingFrom', { startingFrom: scope.startingFrom });
  const placements = await query.getMany();
  if (!placements.length) return { lastId: null, suspended: [] };
  const { suspended } = await recordEvaluations(manager, await evaluatePlacements(manager, placements), trigger, actor, { onlyChanged: true });
  return { lastId: placements.length < batchSize ? null : placements[placements.length - 1].id, suspended };
}
