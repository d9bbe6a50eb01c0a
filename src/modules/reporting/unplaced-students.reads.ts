import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';

/** Internship statuses that give a student her place for the period they cover. */
const PLACES_STUDENT = `('PLANNED', 'ACTIVE', 'COMPLETED')`;

/**
 * SQL (over `s`, students) for "without a placement" on the day in `today`: not archived, her
 * availability not over (`available_until` ≥ today), and no PLANNED, ACTIVE or COMPLETED internship
 * whose period overlaps her availability window. A TERMINATED internship does not count.
 */
export const unplaced = (today: string) => `s.archived_at IS NULL AND s.available_until >= ${today}::date
  AND NOT EXISTS (SELECT 1 FROM internships i WHERE i.student_id = s.id AND i.status IN ${PLACES_STUDENT}
                    AND i.start_date <= s.available_until AND i.end_date >= s.available_from)`;

export interface UnplacedStudentDue {
  studentId: string;
  /** Her `availableFrom`, the BPV start she has no placement for. */
  startDate: string;
  schoolId: string;
}

/**
 * Reporting's read API for the module that alerts schools (unplaced-students): who is without a
 * placement on `day` with a start at most `days` ahead (or passed). Reporting never imports that module.
 */
@Injectable()
export class UnplacedStudentsReads {
  constructor(private readonly transactions: Transactions) {}

  async due(day: string, days: number): Promise<UnplacedStudentDue[]> {
    const rows = await this.transactions.manager.query<{ id: string; start_date: string; school_id: string }[]>(
      `SELECT s.id, s.available_from::text AS start_date, s.school_id FROM students s
        WHERE ${unplaced('$1')} AND s.available_from <= $1::date + $2::int ORDER BY s.id`,
      [day, days],
    );
    return rows.map((row) => ({ studentId: row.id, startDate: row.start_date, schoolId: row.school_id }));
  }
}
