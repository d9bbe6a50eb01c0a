import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../common/graphql/pagination';
import { DeliveryChannel, DeliveryStatus } from '../delivery.entity';
import { EventType } from '../event-type';

@InputType({ description: 'Which notifications' })
export class NotificationFilter {
  @Field({ nullable: true, description: 'Only unread ones (default false)' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

@ArgsType()
export class NotificationsArgs extends ConnectionArgs {
  @Field(() => NotificationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotificationFilter)
  filter?: NotificationFilter;

  @Field({ nullable: true, deprecationReason: 'Use filter; removed in the next release' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

@InputType()
export class RegisterWebhookInput {
  @Field({
    description:
      'http(s) URL (https in production), at most 2,048 characters, whose host resolves only to publicly routable addresses (checked again before every delivery)',
  })
  @IsString()
  @MaxLength(4096)
  url: string;

  @Field(() => [EventType])
  @ArrayMinSize(1, { message: 'eventTypes needs at least one event type' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsEnum(EventType, { each: true, message: 'each event type must be one of the EventType values' })
  eventTypes: EventType[];
}

@InputType()
export class DeliveryFilter {
  @Field(() => DeliveryStatus, { nullable: true, description: 'DEAD lists the dead letters' })
  @IsOptional()
  @IsEnum(DeliveryStatus)
  status?: DeliveryStatus;

  @Field(() => DeliveryChannel, { nullable: true })
  @IsOptional()
  @IsEnum(DeliveryChannel)
  channel?: DeliveryChannel;

  @Field(() => ID, { nullable: true, description: 'PLATFORM admins only: one organization' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be an id' })
  organizationId?: string;
}

@ArgsType()
export class DeliveriesArgs extends ConnectionArgs {
  @Field(() => DeliveryFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeliveryFilter)
  filter?: DeliveryFilter;
}
