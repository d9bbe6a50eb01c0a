import { Injectable } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { DashboardReports } from '../dashboards.reads';
import { TerminationsFilter } from '../dto/dashboards.input';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { fieldsTable } from '../report-table';

/** Internships ended early in a period, and how long their students waited for the next one. */
@Injectable()
@Exportable({ name: 'TERMINATIONS', input: { field: 'terminations', required: true, decorators: [Field(() => TerminationsFilter, { nullable: true }), IsOptional(), ValidateNested(), Type(() => TerminationsFilter)] } })
export class TerminationsReport implements ExportableReportDefinition<TerminationsFilter> {
  constructor(private readonly dashboards: DashboardReports) {}

  async table(_actor: unknown, filter: TerminationsFilter) {
    return fieldsTable(await this.dashboards.terminationsReport(filter));
  }
}
