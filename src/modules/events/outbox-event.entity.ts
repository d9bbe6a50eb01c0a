import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event written in the same transaction as the change that caused it (transactional
 * outbox). The relay moves it to BullMQ after commit and sets `relayedAt`; the dispatcher sets
 * `dispatchedAt`.
 */
@Entity('outbox')
@Index('outbox_unrelayed', ['id'], { where: 'relayed_at IS NULL' })
@Index('outbox_undispatched', ['id'], { where: 'relayed_at IS NOT NULL AND dispatched_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  relayedAt: Date | null;

  /**
   * Names the event's queue job. Unlike `id` it never repeats, not even after the database is
   * reset or restored under the same QUEUE_PREFIX, where BullMQ would take a new event for an old
   * job it still keeps and drop it.
   */
  @Column({ type: 'uuid' })
  @Generated('uuid')
  eventId: string;

  /** When the dispatcher turned it into notifications and deliveries; relayed long ago and still null: its job was lost. */
  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;
}
