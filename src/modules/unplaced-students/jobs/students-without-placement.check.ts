import { Injectable } from '@nestjs/common';
import type { DailyCheck } from '../../../queues/daily-run';
import { UnplacedStudentAlertsService } from '../unplaced-student-alerts.service';

/**
 * Daily: each student without a placement whose BPV start is at most UNPLACED_ALERT_WEEKS ahead is
 * reported to her school (STUDENT_WITHOUT_PLACEMENT), once per student and start date; a missing
 * place is a direct path to dropping out.
 */
@Injectable()
export class StudentsWithoutPlacementCheck implements DailyCheck {
  readonly name = 'students-without-placement';

  constructor(private readonly alerts: UnplacedStudentAlertsService) {}

  async run(day: string): Promise<void> {
    await this.alerts.alertUnplacedStudents(day);
  }
}
