import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';

export interface UnplacedAlert {
  studentId: string;
  startDate: string;
  schoolId: string;
}

/** The only place `unplaced_student_alerts` is named; joins the ambient transaction. */
@Injectable()
export class UnplacedStudentsRepository {
  constructor(private readonly transactions: Transactions) {}

  /** Records the alerts not given before (one per student and start date); returns those recorded now. */
  async insertNew(alerts: UnplacedAlert[]): Promise<Array<Omit<UnplacedAlert, 'schoolId'>>> {
    return this.transactions.manager.query(
      `INSERT INTO unplaced_student_alerts (student_id, start_date, school_id)
       SELECT * FROM unnest($1::uuid[], $2::date[], $3::uuid[])
       ON CONFLICT DO NOTHING
       RETURNING student_id AS "studentId", start_date::text AS "startDate"`,
      [alerts.map((row) => row.studentId), alerts.map((row) => row.startDate), alerts.map((row) => row.schoolId)],
    );
  }
}
