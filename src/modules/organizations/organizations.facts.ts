import type { Sector } from './sector';
import type { Queryable } from '../../database/prepared-queries';
import type { OrganizationType } from '../../common/auth/roles';

/** Organization names by id: organizations' answer for other modules' messages. */
export async function organizationNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** SBB's organizations: all their users hear of what SBB oversees. */
export async function sbbOrganizationIds(db: Queryable): Promise<string[]> {
  return (await db.query<{ id: string }>(`SELECT id FROM organizations WHERE type = 'SBB'`, [])).map((row) => row.id);
}

/** Name and e-mail address of each user. */
export async function mailboxes(db: Queryable, userIds: string[]): Promise<Map<string, { name: string; email: string }>> {
  if (!userIds.length) return new Map();
  const rows = await db.query<{ id: string; name: string; email: string }>('SELECT id, name, email FROM users WHERE id = ANY($1::uuid[])', [[...new Set(userIds)]]);
  return new Map(rows.map((row) => [row.id, { name: row.name, email: row.email }]));
}

/** What other modules may read of organizations: pure reads, one statement each. */

/** The organization's type, or null when there is none with that id. */
export async function organizationType(db: Queryable, id: string): Promise<OrganizationType | null> {
  const [row] = await db.query<{ type: OrganizationType }>('SELECT type FROM organizations WHERE id = $1', [id]);
  return row?.type ?? null;
}


/** Each organization's SBB sector (a company's: R12–R16 depend on it). */
export async function sectorsOf(db: Queryable, ids: string[]): Promise<Map<string, Sector>> {
  const rows = await db.query<{ id: string; sector: Sector }>('SELECT id, sector FROM organizations WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
  return new Map(rows.map((row) => [row.id, row.sector]));
}

/** Whether the user exists and is not deactivated (sign-in by any means refuses her otherwise). */
export async function isActiveUser(db: Queryable, userId: string): Promise<boolean> {
  const [row] = await db.query<{ active: boolean }>('SELECT deactivated_at IS NULL AS active FROM users WHERE id = $1', [userId]);
  return row?.active ?? false;
}
