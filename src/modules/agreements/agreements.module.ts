import { Injectable, Module } from '@nestjs/common';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { type DailyCheck, DailyCheckProvider } from '../../queues/daily-check';
import { StudentsModule } from '../students/students.module';
import { AGREEMENT_LOADERS } from './agreements.loaders';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsResolver } from './agreements.resolver';
import { AgreementsService } from './agreements.service';
import { AgreementEvents } from './agreements.events';

/** Daily: agreements start and end their terms; expiry (90/30 days) and unsigned (14 days) reminders go out once. */
@Injectable()
@DailyCheckProvider({ name: 'agreements', order: 50 })
export class AgreementsCheck implements DailyCheck {
  constructor(private readonly agreements: AgreementsService) {}

  run(day: string): Promise<void> {
    return this.agreements.daily(day);
  }
}

/** Multi-year school–company agreements ("1 school + 1 company = 3"). */
@Module({
  imports: [StudentsModule, QualificationsModule],
  providers: [AgreementsRepository, AgreementEvents, AgreementsService, AgreementsResolver, AgreementsCheck, ...AGREEMENT_LOADERS],
  exports: [AgreementsService],
})
export class AgreementsModule {}
