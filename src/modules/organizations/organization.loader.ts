import { Injectable } from '@nestjs/common';
import { keyedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import type { OrganizationEntity } from './organization.entity';
import { OrganizationsRepository } from './organizations.repository';

/** Organizations by id, batched per request (committed rows, one prepared statement). */
@Injectable()
export class OrganizationLoader implements LoaderFactory<string, OrganizationEntity | null> {
  constructor(private readonly organizations: OrganizationsRepository) {}

  createLoader() {
    return keyedLoader((ids) => this.organizations.committedOrganizations(ids), (row) => row.id);
  }
}
