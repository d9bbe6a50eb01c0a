import { Injectable } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import type { Actor } from '../../../common/auth/roles';
import { DiscriminationReportFilter } from '../../meldpunt/dto/discrimination-report.input';
import { MeldpuntService } from '../../meldpunt/meldpunt.service';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { listTable } from '../report-table';

/** The meldpunt's discrimination reports as a table, as the actor may list them. */
@Injectable()
@Exportable({ name: 'DISCRIMINATION_REPORTS', input: { field: 'discriminationReports', decorators: [Field(() => DiscriminationReportFilter, { nullable: true }), IsOptional(), ValidateNested(), Type(() => DiscriminationReportFilter)] } })
export class DiscriminationReportsReport implements ExportableReportDefinition<DiscriminationReportFilter> {
  constructor(private readonly meldpunt: MeldpuntService) {}

  table(actor: Actor, filter?: DiscriminationReportFilter) {
    return listTable((page) => this.meldpunt.list(actor, { filter, ...page }));
  }
}
