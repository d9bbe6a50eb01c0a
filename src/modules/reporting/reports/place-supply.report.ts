import { Injectable } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { DashboardReports } from '../dashboards.reads';
import { DashboardFilter } from '../dto/dashboards.input';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { fieldsTable } from '../report-table';

/** The "enough places" pillar, nationally (SBB's view: every student counted). */
@Injectable()
@Exportable({ name: 'PLACE_SUPPLY', input: { field: 'placeSupply', decorators: [Field(() => DashboardFilter, { nullable: true }), IsOptional(), ValidateNested(), Type(() => DashboardFilter)] } })
export class PlaceSupplyReport implements ExportableReportDefinition<DashboardFilter> {
  constructor(private readonly dashboards: DashboardReports) {}

  async table(_actor: unknown, filter?: DashboardFilter) {
    return fieldsTable(await this.dashboards.placeSupply(filter ?? {}));
  }
}
