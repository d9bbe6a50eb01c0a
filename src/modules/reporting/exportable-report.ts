import { DiscoveryService } from '@nestjs/core';
import type { Actor } from '../../common/auth/roles';
import type { Cell } from './csv';

/** What a report gives an export: its header and its rows, in order. */
export interface ReportTable {
  columns: string[];
  rows: Cell[][];
}

/**
 * A report SBB can download as CSV. The class is a Nest provider marked `@Exportable()` in
 * its module; the exports service finds every one at boot, so adding a report touches no central list.
 */
export interface ExportableReportDefinition<Input = unknown> {
  /** Its value of the GraphQL enum `ExportableReport`. */
  readonly name: string;
  /** The field of `ReportExportInput` that carries its input, if it takes any. */
  readonly inputField?: string;
  /** Refuse the export (BAD_USER_INPUT on `input.<inputField>`) when the input is left out. */
  readonly inputRequired?: boolean;
  /** Runs the report for the actor; throws BAD_USER_INPUT on bad input, as its query does. */
  table(actor: Actor, input: Input | undefined): Promise<ReportTable>;
}

/** Marks a provider as an `ExportableReportDefinition` (found by DiscoveryService). */
export const Exportable = DiscoveryService.createDecorator<void>();
