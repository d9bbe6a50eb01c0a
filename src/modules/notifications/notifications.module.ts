import { Module } from '@nestjs/common';
import { PreparedQueries } from '../../database/prepared-queries';
import { NotificationsRepository } from './notifications.repository';
import { HostResolver } from './channels/host-resolver';
import { WebhookTargetGuard } from './channels/webhook-target-guard.service';
import { DeliveryAttemptsLoader } from './delivery-attempts.loader';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationNodes } from './notifications.nodes';
import { NotificationsService } from './notifications.service';

/** The API side: inbox, preferences, webhook endpoints, delivery operations. */
@Module({
  providers: [
    PreparedQueries,
    NotificationsRepository,
    HostResolver,
    WebhookTargetGuard,
    NotificationsService,
    NotificationsResolver,
    NotificationDispatcher,
    DeliveryAttemptsLoader,
    NotificationNodes,
  ],
  exports: [NotificationDispatcher],
})
export class NotificationsModule {}
