import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../../database/prepared-queries';
import { Transactions } from '../../../database/transactions';
import { InternshipEntity } from '../internship.entity';
import { HourWeekEntity, HourWeekStatus } from './hour-week.entity';

/** The only place `internship_hour_weeks` is named; joins the ambient transaction. */
@Injectable()
export class HoursRepository {
  constructor(private readonly transactions: Transactions) {}

  /** An internship's weeks, in order. */
  weeksOf(internshipId: string): Promise<HourWeekEntity[]> {
    return this.transactions.manager.find(HourWeekEntity, { where: { internshipId }, order: { weekStart: 'ASC' } });
  }

  /** Which internship a week belongs to, without locking it (the internship is locked first). */
  weekInternship(id: string): Promise<Pick<HourWeekEntity, 'id' | 'internshipId'> | null> {
    return this.transactions.manager.findOne(HourWeekEntity, { select: { id: true, internshipId: true }, where: { id } });
  }

  lockWeek(id: string): Promise<HourWeekEntity> {
    return this.transactions.manager.findOneOrFail(HourWeekEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  lockWeekOf(internshipId: string, weekStart: string): Promise<HourWeekEntity | null> {
    return this.transactions.manager.findOne(HourWeekEntity, { where: { internshipId, weekStart }, lock: { mode: 'pessimistic_write' } });
  }

  saveWeek(fields: Partial<HourWeekEntity>): Promise<HourWeekEntity> {
    const manager = this.transactions.manager;
    return manager.save(manager.create(HourWeekEntity, fields));
  }

  /** The hours the company approved, in total. */
  async approvedTotal(internshipId: string): Promise<number> {
    const [row] = await this.transactions.manager.query<{ total: number }[]>(
      `SELECT coalesce(sum(total_hours), 0)::float AS total FROM internship_hour_weeks WHERE internship_id = $1 AND status = $2`,
      [internshipId, HourWeekStatus.APPROVED],
    );
    return row.total;
  }

  /** Stores the findings of the internship's actual hours (the caller holds its lock). */
  async setHoursFindings(internshipId: string, findings: InternshipEntity['hoursFindings']): Promise<void> {
    await this.transactions.manager.update(InternshipEntity, { id: internshipId }, { hoursFindings: findings });
  }
}

/** A rejected week's facts for the student's message, on the announcer's manager. */
export function hourWeeksForMessages<T>(db: Queryable, ids: string[]): Promise<T[]> {
  return db.query<T>(
    `SELECT w.id, w.internship_id, w.week_start::text AS week_start, w.total_hours::float AS total_hours, w.review_comment, w.status::text AS status, i.student_id
       FROM internship_hour_weeks w JOIN internships i ON i.id = w.internship_id WHERE w.id = ANY($1::uuid[])`,
    [ids],
  );
}
