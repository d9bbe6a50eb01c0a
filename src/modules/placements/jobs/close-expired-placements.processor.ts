import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, QueueName } from '../../../queues/queues';
import { SCHEDULE_TIME_ZONE } from '../../../queues/schedule-registrar';
import { PlacementsService } from '../placements.service';

/** Today's date in the Netherlands, as YYYY-MM-DD. */
export function dutchToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: SCHEDULE_TIME_ZONE }).format(now);
}

/** The maintenance queue: closes published placements whose end date has passed. */
@Processor(QueueName.MAINTENANCE)
export class CloseExpiredPlacementsProcessor extends WorkerHost {
  private readonly logger = new Logger(CloseExpiredPlacementsProcessor.name);

  constructor(private readonly placements: PlacementsService) {
    super();
  }

  async process(job: Job): Promise<{ closed: number }> {
    if (job.name !== JobName.CLOSE_EXPIRED_PLACEMENTS) throw new Error(`Unknown maintenance job ${job.name}`);
    const closed = await this.placements.closeExpired(dutchToday());
    this.logger.log(`Closed ${closed} expired placement(s)`);
    return { closed };
  }
}
