import type { Queryable } from '../../database/prepared-queries';

/** The company each discrimination report is about (nothing that names the reporter, R22). */
export async function reportedCompanies(db: Queryable, reportIds: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; company_id: string }>('SELECT id, company_id FROM discrimination_reports WHERE id = ANY($1::uuid[])', [[...new Set(reportIds)]]);
  return new Map(rows.map((row) => [row.id, row.company_id]));
}
