import { Injectable } from '@nestjs/common';
import { MembershipRole } from '../../common/auth/roles';
import { Transactions } from '../../database/transactions';
import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

/** `users` and `organizations` for the account flows, in the ambient transaction. */
@Injectable()
export class OrganizationsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get users() {
    return this.transactions.manager.getRepository(UserEntity);
  }

  organization(id: string): Promise<OrganizationEntity | null> {
    return this.transactions.manager.getRepository(OrganizationEntity).findOneBy({ id });
  }

  /** With her organization (for `actorOf`). */
  user(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id }, relations: { organization: true } });
  }

  userByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  emailInUse(email: string): Promise<boolean> {
    return this.users.existsBy({ email: email.trim().toLowerCase() });
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
