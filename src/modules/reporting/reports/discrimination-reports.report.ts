import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../common/auth/roles';
import type { DiscriminationReportFilter } from '../../meldpunt/dto/discrimination-report.input';
import { MeldpuntService } from '../../meldpunt/meldpunt.service';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { listTable } from '../report-table';

/** The meldpunt's discrimination reports as a table, as the actor may list them. */
@Injectable()
@Exportable()
export class DiscriminationReportsReport implements ExportableReportDefinition<DiscriminationReportFilter> {
  readonly name = 'DISCRIMINATION_REPORTS';
  readonly inputField = 'discriminationReports';

  constructor(private readonly meldpunt: MeldpuntService) {}

  table(actor: Actor, filter?: DiscriminationReportFilter) {
    return listTable((page) => this.meldpunt.list(actor, { filter, ...page }));
  }
}
