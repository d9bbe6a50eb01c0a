import { Injectable } from '@nestjs/common';
import { DashboardReports } from '../dashboards.reads';
import type { DashboardFilter } from '../dto/dashboards.input';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { fieldsTable } from '../report-table';

/** The "enough places" pillar, nationally (SBB's view: every student counted). */
@Injectable()
@Exportable()
export class PlaceSupplyReport implements ExportableReportDefinition<DashboardFilter> {
  readonly name = 'PLACE_SUPPLY';
  readonly inputField = 'placeSupply';

  constructor(private readonly dashboards: DashboardReports) {}

  async table(_actor: unknown, filter?: DashboardFilter) {
    return fieldsTable(await this.dashboards.placeSupply(filter ?? {}));
  }
}
