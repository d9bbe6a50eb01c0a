import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule } from './core.module';
import { CompaniesModule } from './modules/companies/companies.module';
import { AgreementsModule } from './modules/agreements/agreements.module';
import { UnplacedStudentsModule } from './modules/unplaced-students/unplaced-students.module';
import { InternshipsModule } from './modules/internships/internships.module';
import { ComplianceProcessor, ReevaluateComplianceCheck } from './modules/compliance/jobs/compliance.processor';
import { ComplianceModule } from './modules/compliance/compliance.module';
import { MatchRoundProcessor, MatchRoundRecovery, ProposalExpiryCheck, ScheduledMatchRoundCheck } from './modules/matching/jobs/matching.jobs';
import { MatchingModule } from './modules/matching/matching.module';
import { MeldpuntModule } from './modules/meldpunt/meldpunt.module';
import { AccountMailProcessor } from './modules/organizations/account-mail/account-mail.processor';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { NotificationsWorkerModule } from './modules/notifications/notifications-worker.module';
import { CloseExpiredPlacementsCheck } from './modules/placements/jobs/close-expired-placements.check';
import { PlacementsModule } from './modules/placements/placements.module';
import { DailyChecks, DailyRunProcessor } from './queues/daily-run';
import { ScheduleRegistrar } from './queues/schedule-registrar';

/**
 * The worker: the outbox relay, BullMQ processors and the job schedulers; no HTTP. It imports every
 * module that registers events (their `<module>.events.ts`), so the dispatcher knows them all.
 */
@Module({
  imports: [DiscoveryModule, CoreModule, OrganizationsModule, CompaniesModule, PlacementsModule, ComplianceModule, MatchingModule, AgreementsModule, InternshipsModule, UnplacedStudentsModule, MeldpuntModule, NotificationsWorkerModule],
  providers: [
    CloseExpiredPlacementsCheck,
    ReevaluateComplianceCheck,
    ProposalExpiryCheck,
    ScheduledMatchRoundCheck,
    DailyChecks,
    ComplianceProcessor,
    MatchRoundProcessor,
    MatchRoundRecovery,
    DailyRunProcessor,
    ScheduleRegistrar,
    AccountMailProcessor,
  ],
})
export class WorkerModule {}
