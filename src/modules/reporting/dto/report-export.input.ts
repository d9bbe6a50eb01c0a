import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';

/**
 * The SBB reports that can be downloaded as CSV; each takes the same input as its query. Each
 * report adds its own value when its class is declared (`@Exportable`), so this list is never edited.
 */
export const ExportableReport: Record<string, string> = {};
registerEnumType(ExportableReport, { name: 'ExportableReport', description: 'The reports createReportExport can export as CSV' });

/**
 * The fields besides `report` are added by the reports (`@Exportable({ input })`), one per report
 * that takes input, named after it.
 */
@InputType({ description: 'One report and its input: the field named after the report (required for the audit and terminations)' })
export class ReportExportInput {
  @Field(() => ExportableReport)
  @IsEnum(ExportableReport)
  report: string;

  [field: string]: unknown;
}

/** Adds a report's value to the enum and its input field (with its GraphQL and validation decorators) to the input. */
export function addExportableReport(name: string, input?: { field: string; decorators: PropertyDecorator[] }): void {
  if (name in ExportableReport) throw new Error(`Two exportable reports are named ${name}`);
  ExportableReport[name] = name;
  for (const decorate of input?.decorators ?? []) decorate(ReportExportInput.prototype, input!.field);
}
