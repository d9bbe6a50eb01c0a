import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { groupedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';

@Injectable()
export class DeliveryAttemptsLoader implements LoaderFactory<string, DeliveryAttemptEntity[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.dataSource.getRepository(DeliveryAttemptEntity).find({ where: { deliveryId: In(ids) }, order: { attemptedAt: 'ASC' } }),
      (row) => row.deliveryId,
    );
  }
}
