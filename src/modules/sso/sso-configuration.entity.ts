import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { MembershipRole } from '../../common/auth/roles';
import { OrganizationEntity } from '../organizations/organization.entity';

/** One organization's OpenID Connect provider (SURFconext, Entree Federatie, its own Microsoft or Google tenant). */
@Entity('sso_configurations')
export class SsoConfigurationEntity {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  organization?: OrganizationEntity;

  /** The provider's Issuer Identifier; its discovery document is `${issuer}/.well-known/openid-configuration`. */
  @Column({ type: 'varchar', length: 500 })
  issuer: string;

  @Column({ type: 'varchar', length: 255 })
  clientId: string;

  /** AES-256-GCM under SSO_ENCRYPTION_KEY (see SecretCipher); readable through no query. */
  @Column({ type: 'bytea' })
  clientSecretSealed: Buffer;

  /** Lower-case domains; a signed-in e-mail address must end in `@` and one of them. */
  @Column({ type: 'varchar', array: true })
  allowedDomains: string[];

  /** Whether a verified address of an allowed domain that has no account yet gets one at its first sign-in. */
  @Column({ type: 'boolean', default: false })
  createUnknownUsers: boolean;

  /** The role of such a user. */
  @Column({ type: 'enum', enum: MembershipRole, enumName: 'membership_role', default: MembershipRole.STAFF })
  newUserRole: MembershipRole;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
