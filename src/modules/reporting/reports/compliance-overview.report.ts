import { Injectable } from '@nestjs/common';
import type { ComplianceOverviewFilter } from '../../compliance/dto/compliance-report.input';
import { ComplianceReports } from '../compliance-reports.reads';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { fieldsTable } from '../report-table';

/** Placements by compliance status, rule, stipend (R15) and trainer load (R6). */
@Injectable()
@Exportable()
export class ComplianceOverviewReport implements ExportableReportDefinition<ComplianceOverviewFilter> {
  readonly name = 'COMPLIANCE_OVERVIEW';
  readonly inputField = 'complianceOverview';

  constructor(private readonly compliance: ComplianceReports) {}

  async table(_actor: unknown, filter?: ComplianceOverviewFilter) {
    return fieldsTable(await this.compliance.overview(filter ?? {}));
  }
}
