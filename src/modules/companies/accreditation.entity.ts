import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import { BranchEntity } from './branch.entity';

export enum AccreditationStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  LAPSED = 'LAPSED',
}
registerEnumType(AccreditationStatus, { name: 'AccreditationStatus', description: 'Where an SBB accreditation is: in force, lapsed (R3) or revoked (R2)' });

/** Why an accreditation lapsed (R3). */
export enum AccreditationLapseReason {
  /** Granted more than four years ago and no student started (or is planned) at the branch for its crebo in the last four. */
  NO_STUDENTS = 'NO_STUDENTS',
  /** The end date SBB set (`validUntil`) has passed. */
  VALIDITY_ENDED = 'VALIDITY_ENDED',
}
registerEnumType(AccreditationLapseReason, {
  name: 'AccreditationLapseReason',
  description: 'R3: NO_STUDENTS (four years without students) or VALIDITY_ENDED (validUntil passed)',
});

/** An erkenning: SBB accredits a branch for one crebo (R1–R3). */
@Entity('accreditations')
@Index(['branchId', 'crebo'], { unique: true, where: `status = 'ACTIVE'` })
@Index(['companyId', 'crebo'])
export class AccreditationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  branchId: string;

  @ManyToOne(() => BranchEntity, { onDelete: 'CASCADE' })
  branch?: BranchEntity;

  /** Denormalised from the branch for per-company queries. */
  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  company?: OrganizationEntity;

  @Column({ type: 'char', length: 5 })
  crebo: string;

  @Column({ type: 'enum', enum: AccreditationStatus, enumName: 'accreditation_status', default: AccreditationStatus.ACTIVE })
  status: AccreditationStatus;

  @Column({ type: 'date' })
  grantedOn: string;

  /** Set when SBB limits the accreditation in time; otherwise it is reviewed every four years (R3). */
  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'date' })
  lastReviewedOn: string;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;

  /** The day the daily check found it lapsed (R3). */
  @Column({ type: 'date', nullable: true })
  lapsedOn: string | null;

  @Column({ type: 'enum', enum: AccreditationLapseReason, enumName: 'accreditation_lapse_reason', nullable: true })
  lapseReason: AccreditationLapseReason | null;

  /** The review due date SBB and the company were last told of (R3), so each review cycle is announced once. */
  @Column({ type: 'date', nullable: true })
  reviewNoticeSentFor: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
