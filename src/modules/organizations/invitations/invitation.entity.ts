import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MembershipRole } from '../../../common/auth/roles';
import { OrganizationEntity } from '../organization.entity';
import type { Language } from '../user.entity';

/**
 * An admin's invitation of a new colleague, or a new organization's first admin's: open until accepted, revoked or expired. Only the
 * SHA-256 of the link's token is stored; re-sending replaces it (the earlier link stops working).
 */
@Entity('invitations')
@Index('invitations_student', ['studentId'], { where: '"student_id" IS NOT NULL' })
@Check('invitations_student_role', `("student_id" IS NOT NULL) = ("role"::text = 'STUDENT')`)
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  organization?: OrganizationEntity;

  /** Stored lower-case. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: MembershipRole, enumName: 'membership_role' })
  role: MembershipRole;

  /** The student this invitation makes a user of (role STUDENT, and only then; a database check keeps the two together). */
  @Column({ type: 'uuid', nullable: true })
  studentId: string | null;

  /** Named by entity: organizations sits below students and imports nothing of it. */
  @ManyToOne('StudentEntity', { onDelete: 'CASCADE' })
  student?: unknown;

  @Column({ type: 'varchar', length: 2, default: 'nl' })
  language: Language;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  /** Null for `npm run org:create`'s invitation: an operator on the command line, no user. */
  @Column({ type: 'uuid', nullable: true })
  invitedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Seven days after it was (last) sent. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  /** The user the invitee became. */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
