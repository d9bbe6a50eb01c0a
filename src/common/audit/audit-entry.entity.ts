import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One append-only audit row; the database refuses UPDATE and DELETE on this table. */
@Entity('audit_log')
@Index(['entityType', 'entityId'])
@Index(['occurredAt'])
@Index('audit_log_node_id', ['nodeId'], { unique: true })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  /** Its id as a Node (a UUID, as every other type's), which the API shows as `AuditEntry.id`. */
  @Column({ type: 'uuid' })
  @Generated('uuid')
  nodeId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrganizationId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}
