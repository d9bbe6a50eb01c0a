import { Injectable } from '@nestjs/common';
import { DashboardReports } from '../dashboards.reads';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { fieldsTable } from '../report-table';

/** Students without a placement before their start: the counts only, never the students themselves. */
@Injectable()
@Exportable()
export class StudentsWithoutPlacementReport implements ExportableReportDefinition<number> {
  readonly name = 'STUDENTS_WITHOUT_PLACEMENT';
  readonly inputField = 'studentsWithoutPlacementWeeks';

  constructor(private readonly dashboards: DashboardReports) {}

  async table(_actor: unknown, weeks?: number) {
    const { students: _individuals, ...counts } = await this.dashboards.studentsWithoutPlacement({}, { weeks });
    return fieldsTable(counts);
  }
}
