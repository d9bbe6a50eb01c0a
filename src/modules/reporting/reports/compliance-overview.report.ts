import { Injectable } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { ComplianceOverviewFilter } from '../../compliance/dto/compliance-report.input';
import { ComplianceReports } from '../compliance-reports.reads';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { fieldsTable } from '../report-table';

/** Placements by compliance status, rule, stipend (R15) and trainer load (R6). */
@Injectable()
@Exportable({ name: 'COMPLIANCE_OVERVIEW', input: { field: 'complianceOverview', decorators: [Field(() => ComplianceOverviewFilter, { nullable: true }), IsOptional(), ValidateNested(), Type(() => ComplianceOverviewFilter)] } })
export class ComplianceOverviewReport implements ExportableReportDefinition<ComplianceOverviewFilter> {
  constructor(private readonly compliance: ComplianceReports) {}

  async table(_actor: unknown, filter?: ComplianceOverviewFilter) {
    return fieldsTable(await this.compliance.overview(filter ?? {}));
  }
}
