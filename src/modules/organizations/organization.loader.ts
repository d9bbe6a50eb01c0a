import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Transactions } from '../../database/transactions';
import { keyedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { OrganizationEntity } from './organization.entity';

/** Organizations by id, batched per request. */
@Injectable()
export class OrganizationLoader implements LoaderFactory<string, OrganizationEntity | null> {
  constructor(private readonly transactions: Transactions) {}

  createLoader() {
    return keyedLoader((ids) => this.transactions.manager.getRepository(OrganizationEntity).findBy({ id: In(ids) }), (row) => row.id);
  }
}
