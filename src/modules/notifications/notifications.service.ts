import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, In, IsNull } from 'typeorm';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { Clock } from '../../common/clock/clock';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { Transactions } from '../../database/transactions';
import { WebhookTargetGuard } from './channels/webhook-target-guard.service';
import { DeliveryEntity, DeliveryStatus } from './delivery.entity';
import type { DeliveriesArgs, NotificationsArgs, RegisterWebhookInput } from './dto/notification.input';
import { EventType } from './event-type';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationEntity } from './notification.entity';
import { NotificationsPolicy } from './notifications.policy';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

/** The API side of notifications: the in-app inbox, preferences, webhook endpoints, delivery operations. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dispatcher: NotificationDispatcher,
    private readonly webhookTargets: WebhookTargetGuard,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  inbox(actor: Actor, { unreadOnly, ...page }: NotificationsArgs): Promise<Connection<NotificationEntity>> {
    const query = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('notification')
      .where('notification.userId = :userId', { userId: actor.userId })
      .orderBy('notification.createdAt', 'DESC')
      .addOrderBy('notification.id');
    if (unreadOnly) query.andWhere('notification.readAt IS NULL');
    return paginate(query, page);
  }

  /** Marks the actor's own notifications read; returns how many changed. Ids of others are ignored. */
  async markRead(actor: Actor, ids: string[]): Promise<number> {
    const result = await this.dataSource
      .getRepository(NotificationEntity)
      .update({ id: In(ids), userId: actor.userId, readAt: IsNull() }, { readAt: this.clock.now() });
    return result.affected ?? 0;
  }

  async preferences(actor: Actor): Promise<{ eventType: EventType; inApp: true; email: boolean }[]> {
    const rows = await this.dataSource.getRepository(NotificationPreferenceEntity).findBy({ userId: actor.userId });
    const emailOff = new Set(rows.filter((row) => !row.email).map((row) => row.eventType));
    return Object.values(EventType).map((eventType) => ({ eventType, inApp: true, email: !emailOff.has(eventType) }));
  }

  async setEmailPreference(actor: Actor, eventType: EventType, email: boolean) {
    await this.dataSource.getRepository(NotificationPreferenceEntity).upsert({ userId: actor.userId, eventType, email }, ['userId', 'eventType']);
    return this.preferences(actor);
  }

  async registerWebhook(actor: Actor, input: RegisterWebhookInput) {
    const problem = await this.webhookTargets.registrationProblem(input.url);
    if (problem) throw BadUserInputError.field('input.url', problem);
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    return this.transactions.run(async () => {
      const manager = this.transactions.manager;
      const endpoint = await manager.save(
        manager.create(WebhookEndpointEntity, { organizationId: actor.organizationId, url: input.url, eventTypes: input.eventTypes, secret }),
      );
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
    return this.dataSource.getRepository(WebhookEndpointEntity).find({ where: { organizationId: actor.organizationId }, order: { createdAt: 'ASC' } });
  }

  async disableWebhook(actor: Actor, id: string): Promise<WebhookEndpointEntity> {
    const repository = this.dataSource.getRepository(WebhookEndpointEntity);
    const endpoint = await repository.findOneBy({ id, organizationId: actor.organizationId });
    if (!endpoint) throw new NotFoundError('Webhook endpoint');
    endpoint.disabledAt ??= this.clock.now();
    return repository.save(endpoint);
  }

  /** The actor's organization's deliveries; a PLATFORM admin sees every organization's. */
  deliveries(actor: Actor, { filter: given, ...page }: DeliveriesArgs): Promise<Connection<DeliveryEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const platform = NotificationsPolicy.seesAllDeliveries(actor);
    if (filter.organizationId && !platform) throw new ForbiddenError('Only PLATFORM admins read other organizations’ deliveries');
    const query = this.dataSource.getRepository(DeliveryEntity).createQueryBuilder('delivery').orderBy('delivery.createdAt', 'DESC').addOrderBy('delivery.id');
    const organizationId = platform ? filter.organizationId : actor.organizationId;
    if (organizationId) query.andWhere('delivery.organizationId = :organizationId', { organizationId });
    if (filter.status) query.andWhere('delivery.status = :status', { status: filter.status });
    if (filter.channel) query.andWhere('delivery.channel = :channel', { channel: filter.channel });
    return paginate(query, page);
  }

  /** Sends a dead letter again (fresh tries); its delivery id stays the same for the receiver. */
  async retryDelivery(actor: Actor, id: string): Promise<DeliveryEntity> {
    const repository = this.dataSource.getRepository(DeliveryEntity);
    const delivery = ownedOrNotFound('Delivery', await repository.findOneBy({ id }), {
      visible: (found) => NotificationsPolicy.mayHandleDelivery(actor, found),
    });
    if (delivery.status !== DeliveryStatus.DEAD) throw new ConflictError(`Delivery ${id} is ${delivery.status}; only DEAD deliveries are retried`);
    delivery.status = DeliveryStatus.PENDING;
    delivery.manualRetries += 1;
    await repository.save(delivery);
    await this.dispatcher.enqueue([delivery]);
    return delivery;
  }
}
