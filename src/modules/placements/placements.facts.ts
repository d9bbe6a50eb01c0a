import type { Queryable } from '../../database/prepared-queries';

export interface PlacementSummary {
  id: string;
  company_id: string;
  title: string;
}

/** A placement's company and title: placements' answer for other modules. */
export function placementSummaries(db: Queryable, ids: string[]): Promise<PlacementSummary[]> {
  return db.query<PlacementSummary>('SELECT id, company_id, title FROM placements WHERE id = ANY($1::uuid[])', [ids]);
}
