import { Injectable } from '@nestjs/common';
import { type DailyCheck, DailyCheckProvider } from '../../../queues/daily-check';
import { PlacementsService } from '../placements.service';

/** Daily: published placements whose end date has passed are closed. */
@Injectable()
@DailyCheckProvider({ name: 'close-expired-placements', order: 10 })
export class CloseExpiredPlacementsCheck implements DailyCheck {
  constructor(private readonly placements: PlacementsService) {}

  async run(day: string): Promise<void> {
    await this.placements.closeExpired(day);
  }
}
