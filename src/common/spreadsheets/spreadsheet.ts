import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** A cell of a table read from or written to a spreadsheet. */
export type SheetCell = string | number | boolean | Date | null | undefined;

/** A file's rows as text by header (headers compared case- and space-insensitively: `Student number` = `studentnumber`). */
export interface ReadTable {
  headers: string[];
  /** Each data row by normalised header; `row` is its line in the file (the header is row 1). */
  rows: { row: number; values: Record<string, string> }[];
}

export type SpreadsheetFormat = 'CSV' | 'XLSX';

export const normaliseHeader = (header: string): string => header.trim().toLowerCase().replace(/[\s_-]+/g, '');

/** XLSX files are zip archives: they start with `PK`. Anything else is read as CSV. */
export function formatOf(file: Buffer, filename = ''): SpreadsheetFormat {
  if (/\.xlsx$/i.test(filename) || (file.length > 1 && file[0] === 0x50 && file[1] === 0x4b)) return 'XLSX';
  return 'CSV';
}

/**
 * Reads the first sheet of an XLSX file or a CSV file (UTF-8, with or without BOM; `;` or `,` as
 * separator, whichever the header line uses, as Dutch and English Excel write them).
 * Throws `SpreadsheetError` when the file cannot be read.
 */
export async function readTable(file: Buffer, filename = ''): Promise<ReadTable> {
  const grid = formatOf(file, filename) === 'XLSX' ? await xlsxGrid(file) : csvGrid(file);
  const [header = [], ...data] = grid;
  const headers = header.map((h) => normaliseHeader(h));
  if (!headers.some(Boolean)) throw new SpreadsheetError('the file has no header row');
  const rows: ReadTable['rows'] = [];
  data.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return; // a blank line is no row
    rows.push({ row: index + 2, values: Object.fromEntries(headers.map((h, column) => [h, (cells[column] ?? '').trim()])) });
  });
  return { headers, rows };
}

export class SpreadsheetError extends Error {}

function csvGrid(file: Buffer): string[][] {
  const text = file.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    // Blank lines stay records (skipped later), so a row's number is its place in the file.
    return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new SpreadsheetError(`the CSV cannot be read: ${(error as Error).message}`);
  }
}

async function xlsxGrid(file: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error) {
    throw new SpreadsheetError(`the XLSX file cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SpreadsheetError('the XLSX file has no sheet');
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column += 1) cells.push(cellText(row.getCell(column).value));
    grid[number - 1] = cells;
  });
  return Array.from(grid, (cells) => cells ?? []);
}

/** A cell's value as the text a CSV would hold (dates as YYYY-MM-DD). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** Text a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection). */
const defused = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function csvCell(value: SheetCell, separator: string): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string') text = defused(text);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV that Dutch Excel opens as columns: UTF-8 with a BOM (so é stays é) and `;` between fields
 * (nl-NL Excel reads `,` as the decimal comma); the `en` variant is RFC 4180 with `,` and no BOM.
 */
export function toSpreadsheetCsv(columns: string[], rows: SheetCell[][], variant: 'nl' | 'en' = 'nl'): string {
  const separator = variant === 'nl' ? ';' : ',';
  const body = [columns, ...rows].map((row) => row.map((cell) => csvCell(cell, separator)).join(separator)).join('\r\n') + '\r\n';
  return variant === 'nl' ? `\uFEFF${body}` : body;
}

/** An XLSX workbook of one sheet: a bold, frozen header row, then the rows (numbers as numbers). */
export async function toXlsx(sheetName: string, columns: string[], rows: SheetCell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Stagematch';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(columns).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? defused(cell) : (cell ?? null))));
  columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = Math.min(60, Math.max(10, column.length + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
