import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { Clock } from '../../common/clock/clock';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { Transactions } from '../../database/transactions';
import { WebhookTargetGuard } from './channels/webhook-target-guard.service';
import { type DeliveryEntity, DeliveryStatus } from './delivery.entity';
import type { DeliveriesArgs, NotificationsArgs, RegisterWebhookInput } from './dto/notification.input';
import { EventType } from './event-type';
import { NotificationDispatcher } from './notification-dispatcher.service';
import type { NotificationEntity } from './notification.entity';
import { NotificationsPolicy } from './notifications.policy';
import { NotificationsRepository } from './notifications.repository';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity';

/** The API side of notifications: the in-app inbox, preferences, webhook endpoints, delivery operations. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly dispatcher: NotificationDispatcher,
    private readonly webhookTargets: WebhookTargetGuard,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  inbox(actor: Actor, { filter, unreadOnly: looseUnread, ...page }: NotificationsArgs): Promise<Connection<NotificationEntity>> {
    const unreadOnly = filter?.unreadOnly ?? looseUnread ?? false;
    const query = this.notifications.inboxQuery(actor.userId);
    if (unreadOnly) query.andWhere('notification.readAt IS NULL');
    return paginate(query, page);
  }

  /** One of her own notifications (node(id)); anyone else's is NOT_FOUND. */
  async findNotification(actor: Actor, id: string): Promise<NotificationEntity> {
    return ownedOrNotFound('Notification', await this.notifications.inboxQuery(actor.userId).andWhere('notification.id = :id', { id }).getOne());
  }

  /** One of her organization's webhook endpoints, for its admins (node(id)). */
  async findWebhook(actor: Actor, id: string): Promise<WebhookEndpointEntity> {
    return ownedOrNotFound('Webhook endpoint', await this.notifications.endpointOf(id, actor.organizationId));
  }

  /** One delivery, as `deliveries` lists it (node(id)): her organization's, or any for PLATFORM admins. */
  async findDelivery(actor: Actor, id: string): Promise<DeliveryEntity> {
    return ownedOrNotFound('Delivery', await this.notifications.delivery(id), { visible: (found) => NotificationsPolicy.mayHandleDelivery(actor, found) });
  }

  /** Marks the actor's own notifications read; returns how many changed. Ids of others are ignored. */
  markRead(actor: Actor, ids: string[]): Promise<number> {
    return this.notifications.markRead(actor.userId, ids, this.clock.now());
  }

  async preferences(actor: Actor): Promise<{ eventType: EventType; inApp: true; email: boolean }[]> {
    const rows = await this.notifications.preferences(actor.userId);
    const emailOff = new Set(rows.filter((row) => !row.email).map((row) => row.eventType));
    return Object.values(EventType).map((eventType) => ({ eventType, inApp: true, email: !emailOff.has(eventType) }));
  }

  async setEmailPreference(actor: Actor, eventType: EventType, email: boolean) {
    await this.notifications.setEmailPreference(actor.userId, eventType, email);
    return this.preferences(actor);
  }

  async registerWebhook(actor: Actor, input: RegisterWebhookInput) {
    const problem = await this.webhookTargets.registrationProblem(input.url);
    if (problem) throw BadUserInputError.field('input.url', problem);
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    return this.transactions.run(async () => {
      const endpoint = await this.notifications.insertEndpoint({ organizationId: actor.organizationId, url: input.url, eventTypes: input.eventTypes, secret });
      await this.audit.record(actor, {
        action: 'webhook.registered',
        entityType: 'webhook_endpoint',
        entityId: endpoint.id,
        after: { url: endpoint.url, eventTypes: endpoint.eventTypes },
      });
      return { endpoint, secret };
    });
  }

  webhookEndpoints(actor: Actor): Promise<WebhookEndpointEntity[]> {
    return this.notifications.endpointsOf(actor.organizationId);
  }

  async disableWebhook(actor: Actor, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = await this.notifications.endpointOf(id, actor.organizationId);
    if (!endpoint) throw new NotFoundError('Webhook endpoint');
    endpoint.disabledAt ??= this.clock.now();
    return this.notifications.saveEndpoint(endpoint);
  }

  /** The actor's organization's deliveries; a PLATFORM admin sees every organization's. */
  deliveries(actor: Actor, { filter: given, ...page }: DeliveriesArgs): Promise<Connection<DeliveryEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const platform = NotificationsPolicy.seesAllDeliveries(actor);
    if (filter.organizationId && !platform) throw new ForbiddenError('Only PLATFORM admins read other organizations’ deliveries');
    const query = this.notifications.deliveriesQuery();
    const organizationId = platform ? filter.organizationId : actor.organizationId;
    if (organizationId) query.andWhere('delivery.organizationId = :organizationId', { organizationId });
    if (filter.status) query.andWhere('delivery.status = :status', { status: filter.status });
    if (filter.channel) query.andWhere('delivery.channel = :channel', { channel: filter.channel });
    return paginate(query, page);
  }

  /** Sends a dead letter again (fresh tries); its delivery id stays the same for the receiver. */
  async retryDelivery(actor: Actor, id: string): Promise<DeliveryEntity> {
    const delivery = ownedOrNotFound('Delivery', await this.notifications.delivery(id), {
      visible: (found) => NotificationsPolicy.mayHandleDelivery(actor, found),
    });
    if (delivery.status !== DeliveryStatus.DEAD) throw new ConflictError(`Delivery ${id} is ${delivery.status}; only DEAD deliveries are retried`);
    delivery.status = DeliveryStatus.PENDING;
    delivery.manualRetries += 1;
    await this.notifications.saveDelivery(delivery);
    await this.dispatcher.enqueue([delivery]);
    return delivery;
  }
}
