import { Module } from '@nestjs/common';
import { PreparedQueries } from '../../database/prepared-queries';
import { NotificationsRepository } from './notifications.repository';
import { HostResolver } from './channels/host-resolver';
import { WebhookTargetGuard } from './channels/webhook-target-guard.service';
import { EmailSender } from './channels/email-sender.service';
import { WebhookSender } from './channels/webhook-sender.service';
import { DeliveriesService } from './deliveries.service';
import { DispatchEventProcessor, SendEmailProcessor, SendWebhookProcessor } from './jobs/notification.processors';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { NotificationReconciler } from './notification-reconciler.service';
import { OutboxRelay } from '../events/outbox-relay.service';

/** The worker side: the outbox relay and the dispatch, e-mail and webhook processors. */
@Module({
  providers: [
    PreparedQueries,
    NotificationsRepository,
    OutboxRelay,
    NotificationDispatcher,
    DeliveriesService,
    EmailSender,
    HostResolver,
    WebhookTargetGuard,
    WebhookSender,
    DispatchEventProcessor,
    SendEmailProcessor,
    SendWebhookProcessor,
    NotificationReconciler,
  ],
  exports: [OutboxRelay],
})
export class NotificationsWorkerModule {}
