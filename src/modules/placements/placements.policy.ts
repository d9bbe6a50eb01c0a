import type { Actor } from '../../common/auth/roles';
import { seesCompanyInternals } from '../companies/companies.policy';
import { type PlacementEntity, PlacementStatus } from './placement.entity';

/** Row-level access to placements: who sees and who changes which. */
export const PlacementsPolicy = {
  /** Published placements are public to signed-in users; the rest only to their company, SBB and the operator. */
  sees(actor: Actor, placement: Pick<PlacementEntity, 'companyId' | 'status'>): boolean {
    return placement.status === PlacementStatus.PUBLISHED || seesCompanyInternals(actor, placement.companyId);
  },

  /** A placement's findings, evaluations and praktijkopleider: its company, SBB and the operator. */
  seesInternals(actor: Actor, placement: Pick<PlacementEntity, 'companyId'>): boolean {
    return seesCompanyInternals(actor, placement.companyId);
  },

  /** Only the placement's own company changes it (the company id a lookup is scoped to). */
  changerScope(actor: Actor): { companyId: string } {
    return { companyId: actor.organizationId };
  },
};
