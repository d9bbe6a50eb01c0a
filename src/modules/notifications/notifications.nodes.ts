import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Role, SIGNED_IN } from '../../common/auth/roles';
import { NodeLookups } from '../../common/graphql/node-lookups';
import { NotificationsService } from './notifications.service';

const ORGANIZATION_ADMINS = [Role.SCHOOL_ADMIN, Role.COMPANY_ADMIN, Role.SBB_ADMIN, Role.PLATFORM_ADMIN];

/** node(id) for notifications' types, under their lists' authorization (reporting cannot import this module). */
@Injectable()
export class NotificationNodes implements OnModuleInit {
  constructor(
    private readonly lookups: NodeLookups,
    private readonly service: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.lookups.register('Notification', { table: 'notifications', roles: SIGNED_IN, find: (actor, id) => this.service.findNotification(actor, id) });
    this.lookups.register('Delivery', { table: 'deliveries', roles: ORGANIZATION_ADMINS, find: (actor, id) => this.service.findDelivery(actor, id) });
    this.lookups.register('WebhookEndpoint', { table: 'webhook_endpoints', roles: ORGANIZATION_ADMINS, find: (actor, id) => this.service.findWebhook(actor, id) });
  }
}
