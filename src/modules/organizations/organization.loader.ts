import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { keyedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { OrganizationEntity } from './organization.entity';

/** Organizations by id, batched per request. */
@Injectable()
export class OrganizationLoader implements LoaderFactory<string, OrganizationEntity | null> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return keyedLoader((ids) => this.dataSource.getRepository(OrganizationEntity).findBy({ id: In(ids) }), (row) => row.id);
  }
}
