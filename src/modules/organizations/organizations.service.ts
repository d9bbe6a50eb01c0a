import { Injectable } from '@nestjs/common';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import type { Connection, ConnectionArgs } from '../../common/graphql/pagination';
import type { OrganizationsArgs } from './dto/organization.input';
import type { OrganizationEntity } from './organization.entity';
import { OrganizationsRepository } from './organizations.repository';
import type { UserEntity } from './user.entity';

@Injectable()
export class OrganizationsService {
  constructor(private readonly repository: OrganizationsRepository) {}

  async findOrganization(id: string): Promise<OrganizationEntity> {
    const organization = await this.repository.organization(id);
    if (!organization) throw new NotFoundError('Organization');
    return organization;
  }

  listOrganizations(args: OrganizationsArgs): Promise<Connection<OrganizationEntity>> {
    const { filter: _filter, type: _type, ...page } = args;
    return this.repository.listOrganizations(args.filter?.type ?? args.type, page);
  }

  listUsers(organizationId: string, args: ConnectionArgs): Promise<Connection<UserEntity>> {
    return this.repository.listUsersOf(organizationId, args);
  }

  /** A user of the actor's own organization (any for PLATFORM); anyone else's is NOT_FOUND, as an unknown id. */
  async findVisibleUser(actor: Actor, id: string): Promise<UserEntity> {
    const user = await this.repository.userRow(id);
    return ownedOrNotFound('User', user, { visible: (found) => found.organizationId === actor.organizationId || actor.organizationType === OrganizationType.PLATFORM });
  }
}
