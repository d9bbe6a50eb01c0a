import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { NotificationsWorkerModule } from './modules/notifications/notifications-worker.module';
import { CloseExpiredPlacementsCheck } from './modules/placements/jobs/close-expired-placements.check';
import { PlacementsModule } from './modules/placements/placements.module';
import { DAILY_CHECKS, DailyRunProcessor } from './queues/daily-run';
import { ScheduleRegistrar } from './queues/schedule-registrar';

/** The worker: the outbox relay, BullMQ processors and the job schedulers; no HTTP. */
@Module({
  imports: [CoreModule, PlacementsModule, NotificationsWorkerModule],
  providers: [
    CloseExpiredPlacementsCheck,
    { provide: DAILY_CHECKS, inject: [CloseExpiredPlacementsCheck], useFactory: (...checks) => checks },
    DailyRunProcessor,
    ScheduleRegistrar,
  ],
})
export class WorkerModule {}
