import { In, type EntityManager } from 'typeorm';
import { InternshipEntity, InternshipStatus } from './internship.entity';

/** Whether the student holds a seat (a planned or active internship) at the placement. */
export function holdsSeatAt(manager: EntityManager, placementId: string, studentId: string): Promise<boolean> {
  return manager.existsBy(InternshipEntity, { placementId, studentId, status: In([InternshipStatus.PLANNED, InternshipStatus.ACTIVE]) });
}
