import { Injectable } from '@nestjs/common';
import { type DailyCheck, DailyCheckProvider } from '../../../queues/daily-check';
import { UnplacedStudentAlertsService } from '../unplaced-student-alerts.service';

/**
 * Daily: each student without a placement whose BPV start is at most UNPLACED_ALERT_WEEKS ahead is
 * reported to her school (STUDENT_WITHOUT_PLACEMENT), once per student and start date; a missing
 * place is a direct path to dropping out.
 */
@Injectable()
@DailyCheckProvider({ name: 'students-without-placement', order: 80 })
export class StudentsWithoutPlacementCheck implements DailyCheck {
  constructor(private readonly alerts: UnplacedStudentAlertsService) {}

  async run(day: string): Promise<void> {
    await this.alerts.alertUnplacedStudents(day);
  }
}
