import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import { UserEntity } from '../organizations/user.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export enum DeliveryChannel {
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}
registerEnumType(DeliveryChannel, { name: 'DeliveryChannel', description: 'How a notification is delivered' });

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  DEAD = 'DEAD',
}
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus', description: 'DEAD: retries exhausted (the dead letter)' });

/**
 * Why an attempt failed, as the organization sees it. The socket's own message stays in the
 * server log: it would tell which internal hosts and ports answer.
 */
export enum DeliveryErrorClass {
  TIMEOUT = 'TIMEOUT',
  NETWORK_ERROR = 'NETWORK_ERROR',
  HTTP_STATUS = 'HTTP_STATUS',
  BLOCKED_ADDRESS = 'BLOCKED_ADDRESS',
  SMTP_REJECTED = 'SMTP_REJECTED',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}
registerEnumType(DeliveryErrorClass, {
  name: 'DeliveryErrorClass',
  description: 'Why a delivery attempt failed',
  valuesMap: {
    TIMEOUT: { description: 'The receiver (or its DNS) did not answer in time' },
    NETWORK_ERROR: { description: 'The host did not resolve, the connection was refused or broke off, or TLS failed' },
    HTTP_STATUS: { description: 'The receiver answered with a status other than 2xx (redirects are not followed); see statusCode' },
    BLOCKED_ADDRESS: { description: 'The host resolved to a loopback, private or otherwise non-routable address; nothing was sent' },
    SMTP_REJECTED: { description: 'The mail server refused the message' },
    INTERNAL_ERROR: { description: 'Stagematch could not send it; the operators see the cause in the server log' },
  },
});

/** Rendered content of a delivery, so a retry sends exactly what the first attempt sent. */
export interface DeliveryContent {
  subject?: string;
  text?: string;
  body?: Record<string, unknown>;
}

/**
 * One message to one recipient over e-mail or one webhook endpoint. Its id is the delivery id a
 * receiver de-duplicates on; the unique key makes a repeated dispatch create nothing new.
 */
@Entity('deliveries')
@Unique('deliveries_once_per_recipient', ['outboxId', 'channel', 'recipientKey'])
@Index(['organizationId', 'status', 'createdAt'])
@Index('deliveries_pending', ['updatedAt'], { where: `status = 'PENDING'` })
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint' })
  outboxId: string;

  @Column({ type: 'enum', enum: DeliveryChannel, enumName: 'delivery_channel' })
  channel: DeliveryChannel;

  /** Text, checked against the registry the modules fill at boot (a new event needs no migration). */
  @Column({ type: 'varchar', length: 64 })
  eventType: string;

  /** The recipient's organization: it (and the PLATFORM admin) may read this delivery. */
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  organization?: OrganizationEntity;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  endpointId: string | null;

  @ManyToOne(() => WebhookEndpointEntity, { onDelete: 'CASCADE' })
  endpoint?: WebhookEndpointEntity;

  /** The user id (e-mail) or endpoint id (webhook). */
  @Column({ type: 'uuid' })
  recipientKey: string;

  @Column({ type: 'jsonb' })
  content: DeliveryContent;

  @Column({ type: 'enum', enum: DeliveryStatus, enumName: 'delivery_status', default: DeliveryStatus.PENDING })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attemptCount: number;

  /** How often it was sent again after it died (`retryDelivery`): each time under a new job id. */
  @Column({ type: 'integer', default: 0 })
  manualRetries: number;

  @Column({ type: 'enum', enum: DeliveryErrorClass, enumName: 'delivery_error_class', nullable: true })
  lastError: DeliveryErrorClass | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
