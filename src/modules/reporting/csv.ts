export type Cell = string | number | boolean | null | undefined;

/** RFC 4180 CSV; text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function toCsv(columns: string[], rows: Cell[][]): string {
  return [columns, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A report as `field,value` rows: nested objects by dotted path, list items by their text fields
 * (`groups.NON_WESTERN.impactRatio`, `rows.25655/Utrecht.openSeats`), so every figure has a name.
 */
export function longFormat(report: object): Cell[][] {
  const rows: Cell[][] = [];
  const walk = (value: unknown, path: string) => {
    if (value instanceof Date) rows.push([path, value.toISOString()]);
    else if (Array.isArray(value)) labelsOf(value).forEach((label, index) => walk(value[index], `${path}.${label}`));
    else if (value !== null && typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    else rows.push([path, value as Cell]);
  };
  walk(report, '');
  return rows;
}

/** Each item's first text field, or its first two where the first repeats, or its index. */
function labelsOf(items: unknown[]): string[] {
  const texts = items.map((item) => (item !== null && typeof item === 'object' ? Object.values(item).filter((value): value is string => typeof value === 'string') : []));
  for (const width of [1, 2]) {
    const labels = texts.map((values) => values.slice(0, width).join('/'));
    if (labels.every(Boolean) && new Set(labels).size === labels.length) return labels;
  }
  return items.map((_, index) => String(index));
}

/** A list as a table: one column per field of its rows, in first-seen order; nested values as JSON. */
export function table(items: object[]): { columns: string[]; rows: Cell[][] } {
  const columns = [...new Set(items.flatMap((item) => Object.keys(item)))];
  return { columns, rows: items.map((item) => columns.map((column) => tableCell((item as Record<string, unknown>)[column]))) };
}

function tableCell(value: unknown): Cell {
  if (value instanceof Date) return value.toISOString();
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : (value as Cell);
}
