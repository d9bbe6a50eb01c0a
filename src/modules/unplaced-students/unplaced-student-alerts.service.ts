import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { Events } from '../events/events';
import { UnplacedStudentsReads } from '../reporting/unplaced-students.reads';
import { UnplacedStudentEvent } from './unplaced-students.events';

/** The owner of `unplaced_student_alerts`: which school was told which student has no placement. */
@Injectable()
export class UnplacedStudentAlertsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly unplaced: UnplacedStudentsReads,
    private readonly env: Environment,
    private readonly events: Events,
  ) {}

  /**
   * Daily: each student without a placement whose start is at most UNPLACED_ALERT_WEEKS ahead (or
   * has passed) is reported to her school, once per student and start date (stored in
   * `unplaced_student_alerts`). Returns how many were reported.
   */
  async alertUnplacedStudents(day: string): Promise<number> {
    return this.transactions.run(async () => {
      const manager = this.transactions.manager;
      const due = await this.unplaced.due(day, this.env.UNPLACED_ALERT_WEEKS * 7);
      if (due.length === 0) return 0;
      const rows = await manager.query<{ student_id: string; start_date: string }[]>(
        `INSERT INTO unplaced_student_alerts (student_id, start_date, school_id)
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::uuid[])
         ON CONFLICT DO NOTHING
         RETURNING student_id, start_date::text AS start_date`,
        [due.map((row) => row.studentId), due.map((row) => row.startDate), due.map((row) => row.schoolId)],
      );
      await this.events.emit(UnplacedStudentEvent.STUDENT_WITHOUT_PLACEMENT, rows.map((row) => ({ studentId: row.student_id, startDate: row.start_date })));
      await this.audit.record(
        null,
        rows.map((row) => ({ action: 'student.unplaced-alert', entityType: 'student', entityId: row.student_id, after: { startDate: row.start_date, weeks: this.env.UNPLACED_ALERT_WEEKS } })),
      );
      return rows.length;
    });
  }
}
