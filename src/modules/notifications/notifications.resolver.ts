import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role, SIGNED_IN } from '../../common/auth/roles';
import { Loader } from '../../common/graphql/request-loaders';
import type { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { DeliveryAttemptsLoader } from './delivery-attempts.loader';
import type { DeliveryEntity } from './delivery.entity';
import { DeliveriesArgs, NotificationsArgs, RegisterWebhookInput } from './dto/notification.input';
import { EventType } from './event-type';
import {
  DeliveryAttemptModel,
  DeliveryConnection,
  DeliveryModel,
  NotificationConnection,
  NotificationPreferenceModel,
  WebhookEndpointModel,
  WebhookRegistrationModel,
} from './models/notification.model';
import { NotificationsService } from './notifications.service';

const ORGANIZATION_ADMINS = [Role.SCHOOL_ADMIN, Role.COMPANY_ADMIN, Role.SBB_ADMIN, Role.PLATFORM_ADMIN];

@Resolver(() => DeliveryModel)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, { description: 'Your in-app notifications, newest first' })
  @Allow(...SIGNED_IN)
  notifications(@CurrentActor() actor: Actor, @Args() args: NotificationsArgs) {
    return this.service.inbox(actor, args);
  }

  @Mutation(() => Int, { description: 'Marks your notifications read; returns how many changed' })
  @Allow(...SIGNED_IN)
  markNotificationsRead(@CurrentActor() actor: Actor, @Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.service.markRead(actor, ids);
  }

  @Query(() => [NotificationPreferenceModel])
  @Allow(...SIGNED_IN)
  notificationPreferences(@CurrentActor() actor: Actor) {
    return this.service.preferences(actor);
  }

  @Mutation(() => [NotificationPreferenceModel], { description: 'Switch e-mail on or off for one event type (in-app stays on)' })
  @Allow(...SIGNED_IN)
  setEmailPreference(
    @CurrentActor() actor: Actor,
    @Args('eventType', { type: () => EventType }) eventType: EventType,
    @Args('email') email: boolean,
  ) {
    return this.service.setEmailPreference(actor, eventType, email);
  }

  @Mutation(() => WebhookRegistrationModel, { description: "Organization admins register a webhook for their organization's events" })
  @Allow(...ORGANIZATION_ADMINS)
  registerWebhookEndpoint(@CurrentActor() actor: Actor, @Args('input') input: RegisterWebhookInput) {
    return this.service.registerWebhook(actor, input);
  }

  @Query(() => [WebhookEndpointModel])
  @Allow(...ORGANIZATION_ADMINS)
  webhookEndpoints(@CurrentActor() actor: Actor) {
    return this.service.webhookEndpoints(actor);
  }

  @Mutation(() => WebhookEndpointModel)
  @Allow(...ORGANIZATION_ADMINS)
  disableWebhookEndpoint(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.disableWebhook(actor, id);
  }

  @Query(() => DeliveryConnection, { description: "Your organization's e-mail and webhook deliveries (all, for PLATFORM admins); status DEAD lists dead letters" })
  @Allow(...ORGANIZATION_ADMINS)
  deliveries(@CurrentActor() actor: Actor, @Args() args: DeliveriesArgs) {
    return this.service.deliveries(actor, args);
  }

  @Mutation(() => DeliveryModel, { description: 'Queues a dead letter again' })
  @Allow(...ORGANIZATION_ADMINS)
  retryDelivery(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.retryDelivery(actor, id);
  }

  @ResolveField(() => [DeliveryAttemptModel])
  @Allow(...ORGANIZATION_ADMINS)
  attempts(@Parent() delivery: DeliveryEntity, @Loader(DeliveryAttemptsLoader) loader: DataLoader<string, DeliveryAttemptEntity[]>) {
    return loader.load(delivery.id);
  }
}
