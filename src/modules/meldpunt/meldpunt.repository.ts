import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
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
}
