import { type EntityManager, In } from 'typeorm';
import { InternshipEntity, InternshipStatus } from './internship.entity';

/** The seats a placement's internships hold: PLANNED or ACTIVE ones (`HOLDS_SEAT` in SQL). Call it under the placement's row lock. */
export function seatsHeld(manager: EntityManager, placementId: string): Promise<number> {
  return manager.countBy(InternshipEntity, { placementId, status: In([InternshipStatus.PLANNED, InternshipStatus.ACTIVE]) });
}
