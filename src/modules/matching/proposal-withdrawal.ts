import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { Transactions } from '../../database/transactions';
import { AccreditationLossHooks } from '../companies/accreditation-loss';
import { ProposalEntity, ProposalStatus } from './proposal.entity';

/**
 * R2: open proposals at placements that were just suspended lapse as WITHDRAWN (not the company's
 * decision, so the adverse-impact audit leaves them out), which frees the student for the next round.
 */
export async function withdrawOpenProposals(manager: EntityManager, actor: Actor | null, placementIds: string[]): Promise<void> {
  if (!placementIds.length) return;
  const { raw: withdrawn } = await manager
    .createQueryBuilder()
    .update(ProposalEntity)
    .set({ status: ProposalStatus.WITHDRAWN, decidedAt: () => 'now()' })
    .where('placement_id = ANY(:placementIds) AND status = :open', { placementIds, open: ProposalStatus.OPEN })
    .returning('id')
    .execute();
  await recordAudit(
    manager,
    actor,
    (withdrawn as Array<{ id: string }>).map(({ id }) => ({ action: 'proposal.withdrawn', entityType: 'proposal', entityId: id, after: { status: ProposalStatus.WITHDRAWN, rule: 'R2' } })),
  );
}

/** R2's cascade, after the replacement searches were opened (they read these proposals first). */
@Injectable()
export class ProposalWithdrawal implements OnModuleInit {
  constructor(
    private readonly lossHooks: AccreditationLossHooks,
    private readonly transactions: Transactions,
  ) {}

  onModuleInit(): void {
    this.lossHooks.onSuspended.register('withdraw-open-proposals', 20, (actor, placementIds) => withdrawOpenProposals(this.transactions.manager, actor, placementIds));
  }
}
