import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../organizations/user.entity';

/** A user's choice for one event type; without a row, e-mail is on. In-app is always on. */
@Entity('notification_preferences')
export class NotificationPreferenceEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: UserEntity;

  /** Text, checked against the registry the modules fill at boot. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  eventType: string;

  @Column({ type: 'boolean' })
  email: boolean;
}
