import { Injectable } from '@nestjs/common';
import { keyedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { PreparedQueries } from '../../database/prepared-queries';
import { OrganizationEntity } from './organization.entity';

/** Organizations by id, batched per request (committed rows, one prepared statement). */
@Injectable()
export class OrganizationLoader implements LoaderFactory<string, OrganizationEntity | null> {
  constructor(private readonly db: PreparedQueries) {}

  createLoader() {
    return keyedLoader((ids) => this.db.byIds(OrganizationEntity, ids), (row) => row.id);
  }
}
