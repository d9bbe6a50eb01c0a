import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PokEntity } from '../pok.entity';

/**
 * A single-use link e-mailed to the guardian of a student under 18 on the start date (R8, issue #17):
 * it shows one POK version's terms and records the GUARDIAN signature. Only the SHA-256 of its token
 * is stored; it is refused once used, after `expiresAt`, and once revoked (re-sent, or its POK
 * version superseded).
 */
@Entity('guardian_signing_links')
export class GuardianSigningLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  pokId: string;

  @ManyToOne(() => PokEntity, { onDelete: 'CASCADE' })
  pok?: PokEntity;

  /** The guardian's address it was sent to. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
