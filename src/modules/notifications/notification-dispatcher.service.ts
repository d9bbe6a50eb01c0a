import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { Environment } from '../../config/environment';
import { JobName, QueueName } from '../../queues/queues';
import { UserEntity } from '../organizations/user.entity';
import { DeliveryChannel, DeliveryEntity, DeliveryStatus } from './delivery.entity';
import { EVENT_CATALOG } from './event-catalog';
import type { EventType } from './event-type';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationEntity } from './notification.entity';
import { OutboxEventEntity } from './outbox-event.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export const deliveryJobId = (deliveryId: string, retry = 0) => (retry ? `delivery-${deliveryId}-retry-${retry}` : `delivery-${deliveryId}`);

/**
 * Turns one committed event into in-app notifications and e-mail and webhook deliveries, then
 * queues the deliveries. Safe to run any number of times for the same event: unique keys keep one
 * notification and one delivery per recipient, and only undelivered deliveries are queued.
 */
@Injectable()
export class NotificationDispatcher {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.NOTIFICATION_EMAIL) private readonly emailQueue: Queue,
    @InjectQueue(QueueName.NOTIFICATION_WEBHOOK) private readonly webhookQueue: Queue,
    private readonly env: Environment,
  ) {}

  async dispatch(outboxId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOneBy(OutboxEventEntity, { id: outboxId });
      if (!event) return;
      const type = event.type as EventType;
      const entry = EVENT_CATALOG[type];
      const { organizationIds, role } = await entry.recipients(manager, event.payload);
      if (organizationIds.length === 0) return;
      const message = await entry.message(manager, event.payload);

      const users = await manager.findBy(UserEntity, { organizationId: In(organizationIds), ...(role ? { role } : {}) });
      const emailOff = new Set(
        (await manager.findBy(NotificationPreferenceEntity, { userId: In(users.map((u) => u.id)), eventType: type, email: false })).map(
          (preference) => preference.userId,
        ),
      );
      const endpoints = (await manager.findBy(WebhookEndpointEntity, { organizationId: In(organizationIds) })).filter(
        (endpoint) => !endpoint.disabledAt && endpoint.eventTypes.includes(type),
      );

      const insertIgnoring = <T extends object>(target: new () => T, rows: Partial<T>[]) =>
        rows.length ? manager.createQueryBuilder().insert().into(target).values(rows as never).orIgnore().execute() : undefined;

      await insertIgnoring(
        NotificationEntity,
        users.map((user) => ({ userId: user.id, outboxId, eventType: type, payload: event.payload, title: message[user.language].subject, body: message[user.language].text })),
      );
      await insertIgnoring(DeliveryEntity, [
        ...users
          .filter((user) => !emailOff.has(user.id))
          .map((user) => ({
            outboxId,
            channel: DeliveryChannel.EMAIL,
            eventType: type,
            organizationId: user.organizationId,
            userId: user.id,
            recipientKey: user.id,
            content: { subject: message[user.language].subject, text: message[user.language].text },
          })),
        ...endpoints.map((endpoint) => ({
          outboxId,
          channel: DeliveryChannel.WEBHOOK,
          eventType: type,
          organizationId: endpoint.organizationId,
          endpointId: endpoint.id,
          recipientKey: endpoint.id,
          content: { body: { event: type, occurredAt: event.createdAt.toISOString(), data: event.payload } },
        })),
      ]);
    });

    const pending = await this.dataSource.getRepository(DeliveryEntity).findBy({ outboxId, status: DeliveryStatus.PENDING });
    await this.enqueue(pending);
  }

  /** Queues deliveries under their deterministic job id, so queueing twice sends once. */
  async enqueue(deliveries: DeliveryEntity[], retry = 0): Promise<void> {
    const jobs = (channel: DeliveryChannel, name: JobName) =>
      deliveries
        .filter((delivery) => delivery.channel === channel)
        .map((delivery) => ({
          name,
          data: { deliveryId: delivery.id },
          opts: {
            jobId: deliveryJobId(delivery.id, retry),
            attempts: this.env.DELIVERY_MAX_ATTEMPTS,
            backoff: { type: 'exponential', delay: 1000 },
          },
        }));
    await Promise.all([
      this.emailQueue.addBulk(jobs(DeliveryChannel.EMAIL, JobName.SEND_EMAIL)),
      this.webhookQueue.addBulk(jobs(DeliveryChannel.WEBHOOK, JobName.SEND_WEBHOOK)),
    ]);
  }
}
