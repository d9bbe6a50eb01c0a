import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/roles';

/** Why a branch lost an accreditation: revoked by SBB (R2) or lapsed (R3). */
export type AccreditationLoss = 'REVOKED' | 'LAPSED';

/**
 * Re-evaluates a branch's placements after it lost an accreditation, in the ambient transaction;
 * returns the placements it suspended. The compliance module (above companies) registers it.
 */
export type BranchReevaluation = (actor: Actor | null, branchId: string, loss: AccreditationLoss) => Promise<string[]>;

/** Where the module that judges placements registers the re-evaluation R2's cascade needs. */
@Injectable()
export class AccreditationLossHooks {
  private reevaluation: BranchReevaluation | null = null;

  registerReevaluation(reevaluation: BranchReevaluation): void {
    this.reevaluation = reevaluation;
  }

  reevaluateBranch(actor: Actor | null, branchId: string, loss: AccreditationLoss): Promise<string[]> {
    if (!this.reevaluation) throw new Error('No branch re-evaluation is registered: ComplianceModule registers one at boot');
    return this.reevaluation(actor, branchId, loss);
  }
}
