/** One problem with one row of an imported file: where (row as in the file, the header is row 1; column by its header) and which rule. */
export interface ImportRowError {
  row: number;
  column: string;
  rule: string;
  message: string;
}

/** What an import did, or on a dry run would do. A run with errors writes nothing. */
export interface ImportReport {
  dryRun: boolean;
  /** Data rows read. */
  rows: number;
  created: number;
  updated: number;
  /** Rows equal to what is stored already: re-importing a file changes nothing. */
  unchanged: number;
  errors: ImportRowError[];
  /** Reported, not refused: probable duplicates and the like. */
  warnings: ImportRowError[];
}

export const emptyReport = (dryRun: boolean, rows: number): ImportReport => ({ dryRun, rows, created: 0, updated: 0, unchanged: 0, errors: [], warnings: [] });

/** Thrown inside an import's transaction when a row cannot be written: rolls the whole run back. */
export class ImportRejected extends Error {
  constructor(readonly report: ImportReport) {
    super(`${report.errors.length} row error(s)`);
  }
}
