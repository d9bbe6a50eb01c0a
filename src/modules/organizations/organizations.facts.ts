import type { Queryable } from '../../database/prepared-queries';

/** Organization names by id: organizations' answer for other modules' messages. */
export async function organizationNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** SBB's organizations: all their users hear of what SBB oversees. */
export async function sbbOrganizationIds(db: Queryable): Promise<string[]> {
  return (await db.query<{ id: string }>(`SELECT id FROM organizations WHERE type = 'SBB'`, [])).map((row) => row.id);
}
