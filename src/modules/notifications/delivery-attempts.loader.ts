import { Injectable } from '@nestjs/common';
import { groupedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import type { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { NotificationsRepository } from './notifications.repository';

@Injectable()
export class DeliveryAttemptsLoader implements LoaderFactory<string, DeliveryAttemptEntity[]> {
  constructor(private readonly notifications: NotificationsRepository) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.notifications.attemptsOf(ids),
      (row) => row.deliveryId,
    );
  }
}
