import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';

/** The file an export link gives (issue #18). */
export enum ExportFormat {
  CSV = 'CSV',
  CSV_NL = 'CSV_NL',
  XLSX = 'XLSX',
}
registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: 'The file of an export',
  valuesMap: {
    CSV: { description: 'RFC 4180 CSV: UTF-8, "," between fields, no BOM (the default)' },
    CSV_NL: { description: 'CSV that Dutch (nl-NL) Excel opens as columns: UTF-8 with BOM, ";" between fields' },
    XLSX: { description: 'An Excel workbook (one sheet, the header row bold and frozen)' },
  },
});

/**
 * The reports that can be downloaded (as CSV or XLSX); each takes the same input as its query. Each
 * report adds its own value when its class is declared (`@Exportable`), so this list is never edited.
 */
export const ExportableReport: Record<string, string> = {};
registerEnumType(ExportableReport, { name: 'ExportableReport', description: 'The reports createReportExport can export as CSV' });

/**
 * The fields besides `report` are added by the reports (`@Exportable({ input })`), one per report
 * that takes input, named after it.
 */
@InputType({ description: 'One report, its input (the field named after the report; required for the audit and terminations) and the file format' })
export class ReportExportInput {
  @Field(() => ExportableReport)
  @IsEnum(ExportableReport)
  report: string;

  @Field(() => ExportFormat, { nullable: true, defaultValue: ExportFormat.CSV })
  @IsOptional()
  @IsEnum(ExportFormat)
  format?: ExportFormat;

  [field: string]: unknown;
}

/** Adds a report's value to the enum and its input field (with its GraphQL and validation decorators) to the input. */
export function addExportableReport(name: string, input?: { field: string; decorators: PropertyDecorator[] }): void {
  if (name in ExportableReport) throw new Error(`Two exportable reports are named ${name}`);
  ExportableReport[name] = name;
  for (const decorate of input?.decorators ?? []) decorate(ReportExportInput.prototype, input!.field);
}
