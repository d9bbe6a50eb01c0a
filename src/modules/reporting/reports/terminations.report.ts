import { Injectable } from '@nestjs/common';
import { DashboardReports } from '../dashboards.reads';
import type { TerminationsFilter } from '../dto/dashboards.input';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { fieldsTable } from '../report-table';

/** Internships ended early in a period, and how long their students waited for the next one. */
@Injectable()
@Exportable()
export class TerminationsReport implements ExportableReportDefinition<TerminationsFilter> {
  readonly name = 'TERMINATIONS';
  readonly inputField = 'terminations';
  readonly inputRequired = true;

  constructor(private readonly dashboards: DashboardReports) {}

  async table(_actor: unknown, filter: TerminationsFilter) {
    return fieldsTable(await this.dashboards.terminationsReport(filter));
  }
}
