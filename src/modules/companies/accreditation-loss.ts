import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/roles';
import { Hook, Reactions } from '../../common/hooks/hook';

/** Why a branch lost an accreditation: revoked by SBB (R2) or lapsed (R3). */
export type AccreditationLoss = 'REVOKED' | 'LAPSED';

/**
 * R2's cascade, contributed by the modules above companies (in the ambient transaction):
 * `reevaluateBranch` (compliance) re-evaluates a branch's placements and returns those it suspended;
 * then `onSuspended` runs its reactions in order: the replacement searches (school-tasks, which read
 * the open proposals first), then the withdrawal of those proposals (matching).
 */
@Injectable()
export class AccreditationLossHooks {
  readonly reevaluateBranch = new Hook<(actor: Actor | null, branchId: string, loss: AccreditationLoss) => Promise<string[]>>(
    'branch re-evaluation',
    'ComplianceModule',
  );
  readonly onSuspended = new Reactions<(actor: Actor | null, placementIds: string[]) => Promise<void>>('Reactions to placements suspended under R2');
}

/**
 * R3, contributed by internships: the `branchId|crebo` keys of the pairs at which an internship for
 * that crebo started, or is planned to start, on or after `since`.
 */
@Injectable()
export class AccreditationUse extends Hook<(pairs: { branchId: string; crebo: string }[], since: string) => Promise<Set<string>>> {
  constructor() {
    super('record of internships per accreditation', 'InternshipsModule');
  }
}
