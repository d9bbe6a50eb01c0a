import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { DeliveryChannel, DeliveryErrorClass, DeliveryStatus } from '../delivery.entity';
import { EventType } from '../event-type';

@ObjectType('Notification', { implements: () => [NodeInterface], description: 'An in-app notification' })
export class NotificationModel {
  @Field(() => ID)
  id: string;

  @Field(() => EventType)
  eventType: EventType;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => String, { nullable: true, description: 'The GraphQL type of the item it is about (Internship, Pok, InternshipRegistration, …): open it with node(id: subjectId). Null only on notifications stored before subjects were' })
  subjectKind: string | null;

  @Field(() => ID, { nullable: true, description: 'The id of the item it is about' })
  subjectId: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  readAt: Date | null;
}

export const NotificationConnection = ConnectionType(NotificationModel);

@ObjectType('NotificationPreference', { description: 'In-app is always on; e-mail can be switched off per event type' })
export class NotificationPreferenceModel {
  @Field(() => EventType)
  eventType: EventType;

  @Field()
  inApp: boolean;

  @Field()
  email: boolean;
}

@ObjectType('WebhookEndpoint', { implements: () => [NodeInterface] })
export class WebhookEndpointModel {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => [EventType])
  eventTypes: EventType[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  disabledAt: Date | null;
}

@ObjectType('WebhookRegistration')
export class WebhookRegistrationModel {
  @Field(() => WebhookEndpointModel)
  endpoint: WebhookEndpointModel;

  @Field({ description: 'The HMAC-SHA256 signing secret. Shown only in this answer: store it now.' })
  secret: string;
}

@ObjectType('DeliveryAttempt')
export class DeliveryAttemptModel {
  @Field()
  attemptedAt: Date;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status, when it answered" })
  statusCode: number | null;

  @Field(() => DeliveryErrorClass, { nullable: true, description: 'Why the attempt failed; null when it succeeded' })
  error: DeliveryErrorClass | null;

  @Field(() => Int)
  durationMs: number;
}

@ObjectType('Delivery', { implements: () => [NodeInterface], description: 'One e-mail or webhook message; its id is the delivery id receivers de-duplicate on' })
export class DeliveryModel {
  @Field(() => ID)
  id: string;

  @Field(() => DeliveryChannel)
  channel: DeliveryChannel;

  @Field(() => EventType)
  eventType: EventType;

  @Field(() => ID)
  organizationId: string;

  @Field(() => ID, { nullable: true })
  endpointId: string | null;

  @Field(() => DeliveryStatus)
  status: DeliveryStatus;

  @Field(() => Int)
  attemptCount: number;

  @Field(() => DeliveryErrorClass, { nullable: true, description: 'Why the latest attempt failed' })
  lastError: DeliveryErrorClass | null;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field()
  createdAt: Date;
}

export const DeliveryConnection = ConnectionType(DeliveryModel);
