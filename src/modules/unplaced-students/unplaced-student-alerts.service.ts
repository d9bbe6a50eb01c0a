import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { Events } from '../events/events';
import { UnplacedStudentsReads } from '../reporting/unplaced-students.reads';
import { UnplacedStudentEvent } from './unplaced-students.events';
import { UnplacedStudentsRepository } from './unplaced-students.repository';

/** Which school was told which student has no placement (`unplaced_student_alerts`). */
@Injectable()
export class UnplacedStudentAlertsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly unplaced: UnplacedStudentsReads,
    private readonly env: Environment,
    private readonly events: Events,
    private readonly alerts: UnplacedStudentsRepository,
  ) {}

  /**
   * Daily: each student without a placement whose start is at most UNPLACED_ALERT_WEEKS ahead (or
   * has passed) is reported to her school, once per student and start date (stored in
   * `unplaced_student_alerts`). Returns how many were reported.
   */
  async alertUnplacedStudents(day: string): Promise<number> {
    return this.transactions.run(async () => {
      const due = await this.unplaced.due(day, this.env.UNPLACED_ALERT_WEEKS * 7);
      if (due.length === 0) return 0;
      const rows = await this.alerts.insertNew(due);
      await this.events.emit(UnplacedStudentEvent.STUDENT_WITHOUT_PLACEMENT, rows);
      await this.audit.record(
        null,
        rows.map((row) => ({ action: 'student.unplaced-alert', entityType: 'student', entityId: row.studentId, after: { startDate: row.startDate, weeks: this.env.UNPLACED_ALERT_WEEKS } })),
      );
      return rows.length;
    });
  }
}
