import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MembershipRole, type OrganizationType } from '../../common/auth/roles';
import { type Connection, type ConnectionArgs, paginate } from '../../common/graphql/pagination';
import { PreparedQueries, type Queryable } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { OrganizationEntity } from './organization.entity';
import type { Sector } from './sector';
import { UserEntity } from './user.entity';

/*
 * The only place the `organizations` and `users` tables are named (sessions: `sessions.repository.ts`;
 * invitations, password resets and API keys: their folders' repositories). `OrganizationsRepository`
 * joins the ambient transaction. The plain functions take the caller's `Queryable` (the facts other
 * modules read, through `organizations.facts.ts`) or an EntityManager (organization creation, which
 * `npm run org:create` runs outside Nest DI).
 */

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

/** Each user's organization, name and e-mail address (the USER_ADDED announcement). */
export function userContacts(db: Queryable, userIds: string[]): Promise<{ id: string; organization_id: string; name: string; email: string }[]> {
  return db.query('SELECT id, organization_id, name, email FROM users WHERE id = ANY($1::uuid[])', [userIds]);
}

/** Whether an account has this (normalized) e-mail address, in any organization. */
export function emailTaken(manager: EntityManager, email: string): Promise<boolean> {
  return manager.getRepository(UserEntity).existsBy({ email });
}

/** Whether a school has this BRIN code. */
export function brinCodeTaken(manager: EntityManager, brinCode: string): Promise<boolean> {
  return manager.getRepository(OrganizationEntity).existsBy({ brinCode });
}

/** Whether a company has this KvK number. */
export function kvkNumberTaken(manager: EntityManager, kvkNumber: string): Promise<boolean> {
  return manager.getRepository(OrganizationEntity).existsBy({ kvkNumber });
}

export function insertOrganization(manager: EntityManager, fields: Partial<OrganizationEntity>): Promise<OrganizationEntity> {
  return manager.save(manager.create(OrganizationEntity, fields));
}

/** A new user (the unique index on the e-mail address refuses a second one at once). */
export function insertUser(manager: EntityManager, fields: Partial<UserEntity>): Promise<UserEntity> {
  return manager.save(manager.create(UserEntity, fields));
}

/** `users` and `organizations` for the account flows, in the ambient transaction. */
@Injectable()
export class OrganizationsRepository {
  constructor(
    private readonly transactions: Transactions,
    private readonly db: PreparedQueries,
  ) {}

  private get users() {
    return this.transactions.manager.getRepository(UserEntity);
  }

  organization(id: string): Promise<OrganizationEntity | null> {
    return this.transactions.manager.getRepository(OrganizationEntity).findOneBy({ id });
  }

  /** Committed organizations by id in one prepared statement (the per-request loader). */
  committedOrganizations(ids: readonly string[]): Promise<OrganizationEntity[]> {
    return this.db.byIds(OrganizationEntity, ids);
  }

  /** A page of organizations by name, of one type or all. */
  listOrganizations(type: OrganizationType | undefined, page: ConnectionArgs): Promise<Connection<OrganizationEntity>> {
    const query = this.transactions.manager.getRepository(OrganizationEntity).createQueryBuilder('organization').orderBy('organization.name').addOrderBy('organization.id');
    if (type) query.where('organization.type = :type', { type });
    return paginate(query, page);
  }

  studentHasUser(studentId: string): Promise<boolean> {
    return this.users.existsBy({ studentId });
  }

  /** A page of an organization's users by name. */
  listUsersOf(organizationId: string, page: ConnectionArgs): Promise<Connection<UserEntity>> {
    const query = this.users.createQueryBuilder('user').where('user.organizationId = :organizationId', { organizationId }).orderBy('user.name').addOrderBy('user.id');
    return paginate(query, page);
  }

  /** With her organization (for `actorOf`). */
  user(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id }, relations: { organization: true } });
  }

  /** Without her organization. */
  userRow(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** A user of the organization (not locked), or null. */
  userOf(organizationId: string, id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id, organizationId });
  }

  userByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  /** With her organization (for `actorOf`), by her e-mail address in any case. */
  userWithOrganizationByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { email: email.trim().toLowerCase() }, relations: { organization: true } });
  }

  emailInUse(email: string): Promise<boolean> {
    return emailTaken(this.transactions.manager, email.trim().toLowerCase());
  }

  /** A new user, in the ambient transaction. */
  insertUser(fields: Partial<UserEntity>): Promise<UserEntity> {
    return insertUser(this.transactions.manager, fields);
  }

  /** A user of the organization, locked for the change at hand. */
  lockedUserOf(organizationId: string, id: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id AND u.organization_id = :organizationId', { id, organizationId }).getOne();
  }

  /**
   * The organization's active admins, locked: two admins demoting or deactivating each other at
   * once are serialized here, so one of them stays.
   */
  async lockActiveAdmins(organizationId: string): Promise<string[]> {
    const rows = await this.transactions.manager.query<{ id: string }[]>(
      `SELECT id FROM users WHERE organization_id = $1 AND role = $2 AND deactivated_at IS NULL ORDER BY id FOR UPDATE`,
      [organizationId, MembershipRole.ADMIN],
    );
    return rows.map((row) => row.id);
  }

  async update(id: string, changes: Partial<Pick<UserEntity, 'name' | 'language' | 'role' | 'passwordHash' | 'deactivatedAt'>>): Promise<void> {
    await this.users.update({ id }, changes);
  }
}
