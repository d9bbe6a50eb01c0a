import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../organizations/user.entity';
import { EventType } from './event-type';

/** A user's choice for one event type; without a row, e-mail is on. In-app is always on. */
@Entity('notification_preferences')
export class NotificationPreferenceEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: UserEntity;

  @PrimaryColumn({ type: 'enum', enum: EventType, enumName: 'event_type' })
  eventType: EventType;

  @Column({ type: 'boolean' })
  email: boolean;
}
