import type { OrganizationType } from '../../common/auth/roles';
import type { Queryable } from '../../database/prepared-queries';

/** What other modules may read of organizations: pure reads, one statement each. */

/** The organization's type, or null when there is none with that id. */
export async function organizationType(db: Queryable, id: string): Promise<OrganizationType | null> {
  const [row] = await db.query<{ type: OrganizationType }>('SELECT type FROM organizations WHERE id = $1', [id]);
  return row?.type ?? null;
}

/** Names by organization id. */
export async function organizationNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((row) => [row.id, row.name]));
}
