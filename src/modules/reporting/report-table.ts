import { type Connection, MAX_PAGE_SIZE } from '../../common/graphql/pagination';
import { longFormat, table } from './csv';
import type { ReportTable } from './exportable-report';

/** Lists are exported whole, up to this many rows (a bigger audit log: narrow the filter). */
export const MAX_EXPORT_ROWS = 100_000;

/** A report of figures as `field,value` rows, every figure named by its path (see `longFormat`). */
export function fieldsTable(report: object): ReportTable {
  return { columns: ['field', 'value'], rows: longFormat(report) };
}

/** A paged list, read page by page, as one table with a column per field. */
export async function listTable(page: (args: { first: number; after?: string }) => Promise<Connection<object>>): Promise<ReportTable> {
  const items: object[] = [];
  let after: string | undefined;
  do {
    const connection = await page({ first: MAX_PAGE_SIZE, after });
    items.push(...connection.edges.map((edge) => edge.node));
    after = connection.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? undefined) : undefined;
  } while (after && items.length < MAX_EXPORT_ROWS);
  return table(items);
}
