import { Injectable } from '@nestjs/common';
import type { DailyCheck } from '../../../queues/daily-run';
import { PlacementsService } from '../placements.service';

/** Daily: published placements whose end date has passed are closed. */
@Injectable()
export class CloseExpiredPlacementsCheck implements DailyCheck {
  readonly name = 'close-expired-placements';

  constructor(private readonly placements: PlacementsService) {}

  async run(day: string): Promise<void> {
    await this.placements.closeExpired(day);
  }
}
