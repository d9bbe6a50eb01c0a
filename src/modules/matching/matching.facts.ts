import type { EntityManager } from 'typeorm';
import { ProposalEntity, ProposalStatus } from './proposal.entity';

/** Whether the student has an open proposal at the placement: matching's answer for other modules. */
export function hasOpenProposal(manager: EntityManager, placementId: string, studentId: string): Promise<boolean> {
  return manager.existsBy(ProposalEntity, { placementId, studentId, status: ProposalStatus.OPEN });
}
