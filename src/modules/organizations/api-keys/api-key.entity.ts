import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MembershipRole } from '../../../common/auth/roles';
import { OrganizationEntity } from '../organization.entity';

/**
 * A system's key to the API (`Authorization: Bearer sm_…`), acting for its organization with its
 * role. Only the SHA-256 of the secret is stored; the secret is shown once, when it is created.
 */
@Entity('api_keys')
@Index(['organizationId', 'name'], { unique: true })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  organization?: OrganizationEntity;

  /** Unique in its organization: its uses and changes are audited under it. */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'enum', enum: MembershipRole, enumName: 'membership_role' })
  role: MembershipRole;

  @Column({ type: 'text', unique: true })
  secretHash: string;

  /** The secret's first characters, so that an admin can tell her keys apart. */
  @Column({ type: 'varchar', length: 12 })
  prefix: string;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Kept to within a few seconds (written in batches, see ApiKeyUses). */
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
