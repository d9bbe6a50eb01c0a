import { Injectable } from '@nestjs/common';
import { Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DashboardReports } from '../dashboards.reads';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { fieldsTable } from '../report-table';

/** Students without a placement before their start: the counts only, never the students themselves. */
@Injectable()
@Exportable({
  name: 'STUDENTS_WITHOUT_PLACEMENT',
  input: {
    field: 'studentsWithoutPlacementWeeks',
    decorators: [Field(() => Int, { nullable: true, description: 'Horizon for STUDENTS_WITHOUT_PLACEMENT (default UNPLACED_ALERT_WEEKS)' }), IsOptional(), IsInt(), Min(1), Max(52)],
  },
})
export class StudentsWithoutPlacementReport implements ExportableReportDefinition<number> {
  constructor(private readonly dashboards: DashboardReports) {}

  async table(_actor: unknown, weeks?: number) {
    const { students: _individuals, ...counts } = await this.dashboards.studentsWithoutPlacement({}, { weeks });
    return fieldsTable(counts);
  }
}
