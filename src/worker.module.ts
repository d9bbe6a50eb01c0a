import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { PlacementsModule } from './modules/placements/placements.module';
import { CloseExpiredPlacementsProcessor } from './modules/placements/jobs/close-expired-placements.processor';
import { ScheduleRegistrar } from './queues/schedule-registrar';

/** The worker: BullMQ processors and the job schedulers, no HTTP. */
@Module({
  imports: [CoreModule, PlacementsModule],
  providers: [CloseExpiredPlacementsProcessor, ScheduleRegistrar],
})
export class WorkerModule {}
