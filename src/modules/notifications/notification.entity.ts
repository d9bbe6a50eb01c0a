import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from '../organizations/user.entity';

/** An in-app notification: one per event and recipient user. */
@Entity('notifications')
@Unique('notifications_once_per_event', ['outboxId', 'userId'])
@Index(['userId', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: UserEntity;

  @Column({ type: 'bigint' })
  outboxId: string;

  /** Text, checked against the registry the modules fill at boot (a new event needs no migration). */
  @Column({ type: 'varchar', length: 64 })
  eventType: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, string>;

  /** The GraphQL type of the item it is about (Internship, Pok, InternshipRegistration, …); null on notifications from before it was stored. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  subjectKind: string | null;

  /** The id of that item. */
  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
