import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DeliveryEntity, DeliveryErrorClass } from './delivery.entity';

/** One try of a delivery: when, how long, and what the receiver answered. */
@Entity('delivery_attempts')
@Index(['deliveryId', 'attemptedAt'])
export class DeliveryAttemptEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => DeliveryEntity, { onDelete: 'CASCADE' })
  delivery?: DeliveryEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  attemptedAt: Date;

  @Column({ type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ type: 'enum', enum: DeliveryErrorClass, enumName: 'delivery_error_class', nullable: true })
  error: DeliveryErrorClass | null;

  @Column({ type: 'integer' })
  durationMs: number;
}
