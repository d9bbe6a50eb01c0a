import { Injectable } from '@nestjs/common';
import type { DailyCheck } from '../../../queues/daily-run';
import { AccreditationLifecycleService } from '../accreditation-lifecycle.service';

/**
 * Daily (R3): accreditations four years without students, or past their end date, lapse (with
 * R2's cascade); reviews due within ACCREDITATION_REVIEW_NOTICE_DAYS or overdue are announced once
 * per review cycle.
 */
@Injectable()
export class AccreditationLifecycleCheck implements DailyCheck {
  readonly name = 'accreditation-lifecycle';

  constructor(private readonly lifecycle: AccreditationLifecycleService) {}

  run(day: string): Promise<void> {
    return this.lifecycle.daily(day);
  }
}
