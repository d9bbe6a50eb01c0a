import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { AccreditationLossHooks } from '../companies/accreditation-loss';
import { MatchingRepository } from './matching.repository';
import { ProposalStatus } from './proposal.entity';

/** R2's cascade, after the replacement searches were opened (they read these proposals first). */
@Injectable()
export class ProposalWithdrawal implements OnModuleInit {
  constructor(
    private readonly lossHooks: AccreditationLossHooks,
    private readonly proposals: MatchingRepository,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit(): void {
    this.lossHooks.onSuspended.register('withdraw-open-proposals', 20, (actor, placementIds) => this.withdrawOpenProposals(actor, placementIds));
  }

  /**
   * R2: open proposals at placements that were just suspended lapse as WITHDRAWN (not the company's
   * decision, so the adverse-impact audit leaves them out), which frees the student for the next round.
   */
  async withdrawOpenProposals(actor: Actor | null, placementIds: string[]): Promise<void> {
    if (!placementIds.length) return;
    const withdrawn = await this.proposals.withdrawOpenProposalsAt(placementIds);
    await this.audit.record(
      actor,
      withdrawn.map((id) => ({ action: 'proposal.withdrawn', entityType: 'proposal', entityId: id, after: { status: ProposalStatus.WITHDRAWN, rule: 'R2' } })),
    );
  }
}
