import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { CompaniesModule } from './modules/companies/companies.module';
import { AccreditationLifecycleCheck } from './modules/companies/jobs/accreditation-lifecycle.check';
import { AgreementsCheck, AgreementsModule } from './modules/agreements/agreements.module';
import { GuidanceMidpointCheck, InternshipsModule } from './modules/internships/internships.module';
import { ComplianceProcessor, ReevaluateComplianceCheck } from './modules/compliance/jobs/compliance.processor';
import { ComplianceModule } from './modules/compliance/compliance.module';
import { MatchRoundProcessor, MatchRoundRecovery, ProposalExpiryCheck, ScheduledMatchRoundCheck } from './modules/matching/jobs/matching.jobs';
import { MatchingModule } from './modules/matching/matching.module';
import { NotificationsWorkerModule } from './modules/notifications/notifications-worker.module';
import { CloseExpiredPlacementsCheck } from './modules/placements/jobs/close-expired-placements.check';
import { PlacementsModule } from './modules/placements/placements.module';
import { StudentsWithoutPlacementCheck } from './modules/unplaced-students/jobs/students-without-placement.check';
import { UnplacedStudentsModule } from './modules/unplaced-students/unplaced-students.module';
import { DAILY_CHECKS, DailyRunProcessor } from './queues/daily-run';
import { ScheduleRegistrar } from './queues/schedule-registrar';

/** The worker: the outbox relay, BullMQ processors and the job schedulers; no HTTP. */
@Module({
  imports: [CoreModule, CompaniesModule, PlacementsModule, ComplianceModule, MatchingModule, AgreementsModule, InternshipsModule, UnplacedStudentsModule, NotificationsWorkerModule],
  providers: [
    CloseExpiredPlacementsCheck,
    ReevaluateComplianceCheck,
    ProposalExpiryCheck,
    ScheduledMatchRoundCheck,
    {
      provide: DAILY_CHECKS,
      inject: [CloseExpiredPlacementsCheck, ReevaluateComplianceCheck, ProposalExpiryCheck, ScheduledMatchRoundCheck, AgreementsCheck, GuidanceMidpointCheck, AccreditationLifecycleCheck, StudentsWithoutPlacementCheck],
      useFactory: (...checks) => checks,
    },
    ComplianceProcessor,
    MatchRoundProcessor,
    MatchRoundRecovery,
    DailyRunProcessor,
    ScheduleRegistrar,
  ],
})
export class WorkerModule {}
