import { Injectable } from '@nestjs/common';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { type Connection, type ConnectionArgs, paginate } from '../../common/graphql/pagination';
import type { OrganizationsArgs } from './dto/organization.input';
import { Transactions } from '../../database/transactions';
import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

@Injectable()
export class OrganizationsService {
  constructor(private readonly transactions: Transactions) {}

  async findOrganization(id: string): Promise<OrganizationEntity> {
    const organization = await this.transactions.manager.getRepository(OrganizationEntity).findOneBy({ id });
    if (!organization) throw new NotFoundError('Organization');
    return organization;
  }

  listOrganizations(args: OrganizationsArgs): Promise<Connection<OrganizationEntity>> {
    const query = this.transactions.manager
      .getRepository(OrganizationEntity)
      .createQueryBuilder('organization')
      .orderBy('organization.name')
      .addOrderBy('organization.id');
    const type = args.filter?.type ?? args.type;
    if (type) query.where('organization.type = :type', { type });
    const { filter: _filter, type: _type, ...page } = args;
    return paginate(query, page);
  }

  listUsers(organizationId: string, args: ConnectionArgs): Promise<Connection<UserEntity>> {
    const query = this.transactions.manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where('user.organizationId = :organizationId', { organizationId })
      .orderBy('user.name')
      .addOrderBy('user.id');
    return paginate(query, args);
  }

  /** A user of the actor's own organization (any for PLATFORM); anyone else's is NOT_FOUND, as an unknown id. */
  async findVisibleUser(actor: Actor, id: string): Promise<UserEntity> {
    const user = await this.transactions.manager.findOneBy(UserEntity, { id });
    return ownedOrNotFound('User', user, { visible: (found) => found.organizationId === actor.organizationId || actor.organizationType === OrganizationType.PLATFORM });
  }
}
