import { Injectable } from '@nestjs/common';
import type { PlacementEntity } from './placement.entity';
import { PlacementsRepository } from './placements.repository';

export {
  leerwegenOf,
  lockPlacementForSeat,
  offeredCapacity,
  type PlacementForSeat,
  type PlacementPokTerms,
  placementPokTerms,
  placementStatusAtCompany,
  type PlacementSummary,
  placementsById,
  placementSummaries,
} from './placements.repository';

/** What other modules may read about placements (in the ambient transaction). */
@Injectable()
export class PlacementsFacts {
  constructor(private readonly placements: PlacementsRepository) {}

  /** A placement's terms (company, branch, crebos, seats, status, period, trainer), or null. */
  placement(id: string): Promise<PlacementEntity | null> {
    return this.placements.findById(id);
  }

  /** A placement of the given company, or null (another company's placement is as unknown). */
  placementOfCompany(companyId: string, id: string): Promise<PlacementEntity | null> {
    return this.placements.findOfCompany(companyId, id);
  }

  /** R16: each placement's published siblings at its company (same crebo and hours). */
  publishedSiblings(ids: string[]): Promise<{ id: string; level: number; hoursPerWeek: number; stipendMonthlyCents: number }[]> {
    return this.placements.publishedSiblings(ids);
  }
}
