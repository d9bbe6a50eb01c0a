import { applyDecorators } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Actor, OrganizationType } from '../../common/auth/roles';
import type { Cell } from './csv';
import { addExportableReport } from './dto/report-export.input';

/** What a report gives an export: its header and its rows, in order. */
export interface ReportTable {
  columns: string[];
  rows: Cell[][];
}

/** How a report is offered for export; see `@Exportable`. */
export interface ExportableReportOptions {
  /** Its value of the GraphQL enum `ExportableReport`. */
  name: string;
  /** Who may export it (default SBB): a school's own BPV export is for that school only. */
  audience?: OrganizationType[];
  /** Its field of `ReportExportInput`, if it takes input: the name and the field's decorators (`@Field`, validation). */
  input?: { field: string; required?: boolean; decorators: PropertyDecorator[] };
}

/** A report its audience (SBB unless it says otherwise) can download as CSV or XLSX: runs it for the actor, throwing BAD_USER_INPUT on bad input as its query does. */
export interface ExportableReportDefinition<Input = unknown> {
  table(actor: Actor, input: Input | undefined): Promise<ReportTable>;
}

/** The discovery mark; the exports service reads the options back from it. */
export const ExportableMark = DiscoveryService.createDecorator<ExportableReportOptions>();

/**
 * Offers a provider (an `ExportableReportDefinition`) for export: adds its name to the GraphQL enum
 * and its input field to `ReportExportInput`, and marks it for the exports service, which finds every
 * one at boot. Adding a report is one such class plus its line in its module's providers.
 */
export function Exportable(options: ExportableReportOptions): ClassDecorator {
  addExportableReport(options.name, options.input);
  return applyDecorators(ExportableMark(options));
}
