import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { MembershipRole } from '../../common/auth/roles';
import { UserEntity } from './user.entity';

export enum SessionKind {
  /** Started by `login`; its bearer token calls /graphql. */
  API = 'API',
  /** The queue dashboard's cookie, started from an API session of a PLATFORM admin. */
  QUEUE_DASHBOARD = 'QUEUE_DASHBOARD',
}

/**
 * One signed-in session: its id is the `jti` of its token, and the token is valid only while this
 * row is unrevoked and unexpired and the user still has the organization and role she signed in with.
 */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'enum', enum: SessionKind, enumName: 'session_kind' })
  kind: SessionKind;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: UserEntity;

  /** Her organization when she signed in; another one now ends the session. */
  @Column({ type: 'uuid' })
  organizationId: string;

  /** Her role when she signed in; another one now ends the session. */
  @Column({ type: 'enum', enum: MembershipRole, enumName: 'membership_role' })
  role: MembershipRole;

  /** The API session a dashboard session was started from; revoking that one revokes this one. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  parent?: SessionEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
