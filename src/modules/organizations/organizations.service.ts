import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/domain-errors';
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
    if (args.type) query.where('organization.type = :type', { type: args.type });
    return paginate(query, args);
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
}
