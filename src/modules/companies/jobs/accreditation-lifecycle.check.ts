import { Injectable } from '@nestjs/common';
import { type DailyCheck, DailyCheckProvider } from '../../../queues/daily-check';
import { AccreditationLifecycleService } from '../accreditation-lifecycle.service';

/**
 * Daily (R3): accreditations four years without students, or past their end date, lapse (with
 * R2's cascade); reviews due within ACCREDITATION_REVIEW_NOTICE_DAYS or overdue are announced once
 * per review cycle.
 */
@Injectable()
@DailyCheckProvider({ name: 'accreditation-lifecycle', order: 70 })
export class AccreditationLifecycleCheck implements DailyCheck {
  constructor(private readonly lifecycle: AccreditationLifecycleService) {}

  run(day: string): Promise<void> {
    return this.lifecycle.daily(day);
  }
}
