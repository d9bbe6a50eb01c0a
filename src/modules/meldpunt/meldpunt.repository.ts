import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import type { Queryable } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { DiscriminationReportEntity, ReportTransitionEntity } from './discrimination-report.entity';

/** The only place the meldpunt's tables are named; joins the ambient transaction. */
@Injectable()
export class MeldpuntRepository {
  constructor(private readonly transactions: Transactions) {}

  insertReport(fields: Partial<DiscriminationReportEntity>): Promise<DiscriminationReportEntity> {
    const manager = this.transactions.manager;
    return manager.save(manager.create(DiscriminationReportEntity, fields));
  }

  findReport(id: string): Promise<DiscriminationReportEntity | null> {
    return this.transactions.manager.findOneBy(DiscriminationReportEntity, { id });
  }

  lockReport(id: string): Promise<DiscriminationReportEntity | null> {
    return this.transactions.manager.findOne(DiscriminationReportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveReport(report: DiscriminationReportEntity): Promise<DiscriminationReportEntity> {
    return this.transactions.manager.save(report);
  }

  async insertTransition(transition: Omit<ReportTransitionEntity, 'id' | 'at' | 'report'>): Promise<void> {
    await this.transactions.manager.insert(ReportTransitionEntity, transition);
  }

  /** Newest first; every school's reports unless `schoolId` narrows them. */
  listQuery(schoolId: string | null): SelectQueryBuilder<DiscriminationReportEntity> {
    const query = this.transactions.manager.getRepository(DiscriminationReportEntity).createQueryBuilder('report').orderBy('report.createdAt', 'DESC').addOrderBy('report.id');
    if (schoolId) query.where('report.schoolId = :school', { school: schoolId });
    return query;
  }

  /** The reports a student filed herself, newest first (R22, issue #17). */
  filedByStudentQuery(studentId: string): SelectQueryBuilder<DiscriminationReportEntity> {
    return this.transactions.manager
      .getRepository(DiscriminationReportEntity)
      .createQueryBuilder('report')
      .where('report.studentId = :studentId AND report.filedByStudent', { studentId })
      .orderBy('report.createdAt', 'DESC')
      .addOrderBy('report.id');
  }

  transition(id: string): Promise<ReportTransitionEntity | null> {
    return this.transactions.manager.getRepository(ReportTransitionEntity).findOneBy({ id });
  }

  /** The history of each report, oldest step first. */
  transitionsOf(reportIds: readonly string[]): Promise<ReportTransitionEntity[]> {
    return this.transactions.manager.getRepository(ReportTransitionEntity).find({ where: { reportId: In([...reportIds]) }, order: { at: 'ASC', id: 'ASC' } });
  }
}

/** The company each discrimination report is about (nothing that names the reporter, R22). */
export async function reportedCompanies(db: Queryable, reportIds: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; company_id: string }>('SELECT id, company_id FROM discrimination_reports WHERE id = ANY($1::uuid[])', [[...new Set(reportIds)]]);
  return new Map(rows.map((row) => [row.id, row.company_id]));
}

/**
 * What a report's messages tell (R22: no reporting school or user; the student only when she filed it
 * herself and agreed that the company may know, issue #17), on the announcer's manager.
 */
export function reportsForMessages(
  db: Queryable,
  ids: string[],
): Promise<{ id: string; company_id: string; ground: string; sanction_reason: string | null; consenting_student_id: string | null }[]> {
  return db.query(
    `SELECT id, company_id, ground, sanction_reason, CASE WHEN share_identity_with_company AND filed_by_student THEN student_id END AS consenting_student_id
       FROM discrimination_reports WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

/** For the student who filed a report herself (issue #17): where it is, about which company; null `student_id` when she did not file it. */
export function reportsForReporter(db: Queryable, ids: string[]): Promise<{ id: string; company_id: string; status: string; student_id: string | null; sanction: string | null }[]> {
  return db.query(
    `SELECT id, company_id, status::text, CASE WHEN filed_by_student THEN student_id END AS student_id, sanction::text FROM discrimination_reports WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}
