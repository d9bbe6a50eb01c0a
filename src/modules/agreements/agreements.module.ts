import { Injectable, Module } from '@nestjs/common';
import type { DailyCheck } from '../../queues/daily-run';
import { StudentsModule } from '../students/students.module';
import { AGREEMENT_LOADERS } from './agreements.loaders';
import { AgreementsResolver } from './agreements.resolver';
import { AgreementsService } from './agreements.service';

/** Daily: agreements start and end their terms; expiry (90/30 days) and unsigned (14 days) reminders go out once. */
@Injectable()
export class AgreementsCheck implements DailyCheck {
  readonly name = 'agreements';

  constructor(private readonly agreements: AgreementsService) {}

  run(day: string): Promise<void> {
    return this.agreements.daily(day);
  }
}

/** Multi-year school–company agreements ("1 school + 1 company = 3"). */
@Module({
  imports: [StudentsModule],
  providers: [AgreementsService, AgreementsResolver, AgreementsCheck, ...AGREEMENT_LOADERS],
  exports: [AgreementsService, AgreementsCheck],
})
export class AgreementsModule {}
