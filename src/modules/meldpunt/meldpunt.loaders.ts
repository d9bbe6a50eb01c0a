import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { groupedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { ReportTransitionEntity } from './discrimination-report.entity';

/** The history of each report, oldest step first. */
@Injectable()
export class TransitionsByReportLoader implements LoaderFactory<string, ReportTransitionEntity[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.dataSource.getRepository(ReportTransitionEntity).find({ where: { reportId: In(ids) }, order: { at: 'ASC', id: 'ASC' } }),
      (row) => row.reportId,
    );
  }
}

export const MELDPUNT_LOADERS = [TransitionsByReportLoader];
