import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Transactions } from '../../database/transactions';
import { groupedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { ReportTransitionEntity } from './discrimination-report.entity';

/** The history of each report, oldest step first. */
@Injectable()
export class TransitionsByReportLoader implements LoaderFactory<string, ReportTransitionEntity[]> {
  constructor(private readonly transactions: Transactions) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.transactions.manager.getRepository(ReportTransitionEntity).find({ where: { reportId: In(ids) }, order: { at: 'ASC', id: 'ASC' } }),
      (row) => row.reportId,
    );
  }
}

export const MELDPUNT_LOADERS = [TransitionsByReportLoader];
