import { Injectable } from '@nestjs/common';
import { groupedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import type { ReportTransitionEntity } from './discrimination-report.entity';
import { MeldpuntRepository } from './meldpunt.repository';

/** The history of each report, oldest step first. */
@Injectable()
export class TransitionsByReportLoader implements LoaderFactory<string, ReportTransitionEntity[]> {
  constructor(private readonly meldpunt: MeldpuntRepository) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.meldpunt.transitionsOf(ids),
      (row) => row.reportId,
    );
  }
}

export const MELDPUNT_LOADERS = [TransitionsByReportLoader];
