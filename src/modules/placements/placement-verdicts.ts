import type { EntityManager } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { recordEvents } from '../events/outbox';
import { ComplianceStatus, type EvaluationTrigger, type Finding } from './placement-compliance';
import { PlacementStatus } from './placement.entity';
import { PlacementEvent } from './placements.events';
import { type PlacementVerdict, writeCompliance } from './placements.repository';

const fingerprint = (findings: Finding[]): string => findings.map((f) => `${f.rule}|${f.severity}|${f.field}|${f.message}`).join('\n');

const sameOutcome = ({ placement, normSetVersion, findings }: PlacementVerdict): boolean =>
  placement.normSetVersion === normSetVersion && fingerprint(placement.complianceFindings) === fingerprint(findings);

const suspends = ({ placement, verdict }: PlacementVerdict): boolean => placement.status === PlacementStatus.PUBLISHED && verdict === ComplianceStatus.BLOCKED;

/**
 * Applies compliance verdicts to their placements in the given transaction: the one place that
 * decides what a verdict does to a placement's status. A published placement with BLOCK findings
 * is suspended, audited and announced to the company and its schools (R2). With `onlyChanged`
 * (re-evaluations the system runs), a verdict equal to the placement's current one changes
 * nothing. `record` stores the verdicts applied (the compliance history). Returns those suspended.
 * PlacementsService.applyVerdicts is the way in for services; the demo seed calls this directly.
 */
export async function applyVerdicts(
  manager: EntityManager,
  verdicts: PlacementVerdict[],
  trigger: EvaluationTrigger,
  actor: Actor | null,
  { onlyChanged = false, now, record }: { onlyChanged?: boolean; now: Date; record: (applied: PlacementVerdict[]) => Promise<void> },
): Promise<{ suspended: string[] }> {
  const changed = verdicts.filter((verdict) => !onlyChanged || !sameOutcome(verdict) || suspends(verdict));
  if (!changed.length) return { suspended: [] };
  const suspended: string[] = [];
  for (const verdict of changed) {
    const { placement, findings } = verdict;
    if (suspends(verdict)) {
      placement.status = PlacementStatus.SUSPENDED;
      placement.suspendedAt = now;
      suspended.push(placement.id);
    }
    placement.complianceStatus = placement.status === PlacementStatus.SUSPENDED ? ComplianceStatus.SUSPENDED : verdict.verdict;
    placement.complianceFindings = findings;
    placement.complianceRules = [...new Set(findings.map((f) => f.rule))].sort();
    placement.normSetVersion = verdict.normSetVersion;
    placement.evaluatedAt = now;
  }
  await record(changed);
  await writeCompliance(manager, changed.map(({ placement }) => placement));
  if (suspended.length) {
    await recordAudit(
      manager,
      actor,
      changed
        .filter(({ placement }) => suspended.includes(placement.id))
        .map(({ placement, normSetVersion, findings }) => ({
          action: 'placement.suspended',
          entityType: 'placement',
          entityId: placement.id,
          after: { trigger, normSetVersion, rules: placement.complianceRules, findings },
        })),
    );
    await recordEvents(manager, PlacementEvent.PLACEMENT_SUSPENDED, suspended.map((placementId) => ({ placementId })));
  }
  return { suspended };
}
