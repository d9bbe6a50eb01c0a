import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MembershipRole } from '../../common/auth/roles';
import { OrganizationEntity } from './organization.entity';

export type Language = 'nl' | 'en';

@Entity('users')
@Index('users_student', ['studentId'], { unique: true, where: '"student_id" IS NOT NULL' })
@Check('users_student_role', `("student_id" IS NOT NULL) = ("role"::text = 'STUDENT')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  organization?: OrganizationEntity;

  /** Stored lower-case; unique across the platform. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Null for a user who signs in only through single sign-on. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'enum', enum: MembershipRole, enumName: 'membership_role' })
  role: MembershipRole;

  /** The student this user is (role STUDENT, and only then; a database check keeps the two together). */
  @Column({ type: 'uuid', nullable: true })
  studentId: string | null;

  /** Named by entity: organizations sits below students and imports nothing of it. */
  @ManyToOne('StudentEntity', { onDelete: 'CASCADE' })
  student?: unknown;

  @Column({ type: 'varchar', length: 2, default: 'nl' })
  language: Language;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Set by an admin's `deactivateUser`: she cannot sign in and her sessions are refused (see `isActiveUser`). */
  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;
}
