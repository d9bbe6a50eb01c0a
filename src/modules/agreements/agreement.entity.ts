import { registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Leerweg } from '../../common/qualification';
import { OrganizationEntity } from '../organizations/organization.entity';

export enum AgreementStatus {
  DRAFT = 'DRAFT',
  PROPOSED = 'PROPOSED',
  SIGNED = 'SIGNED',
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
  /** An amendment (a later version) was signed by both parties. */
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(AgreementStatus, { name: 'AgreementStatus', description: 'DRAFT → PROPOSED → SIGNED → ACTIVE → EXPIRED / TERMINATED; SUPERSEDED by a signed amendment' });

/**
 * One version of a multi-year school–company agreement ("1 school + 1 company = 3"). A signed
 * version never changes; an amendment is the next version of the same lineage, signed again.
 */
@Entity('agreements')
@Index(['lineageId', 'version'], { unique: true })
@Index(['schoolId', 'status'])
@Index(['companyId', 'status'])
@Check('agreements_contacts_r17', '"contacts_per_period" >= 3')
@Check('agreements_term', '"end_date" > "start_date"')
export class AgreementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The id of version 1; every version of the agreement shares it. */
  @Column({ type: 'uuid' })
  lineageId: string;

  @Column({ type: 'smallint' })
  version: number;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  school?: OrganizationEntity;

  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  company?: OrganizationEntity;

  @Column({ type: 'enum', enum: AgreementStatus, enumName: 'agreement_status', default: AgreementStatus.DRAFT })
  status: AgreementStatus;

  /** 1 August of the first school year. */
  @Column({ type: 'date' })
  startDate: string;

  /** 31 July of the last school year. */
  @Column({ type: 'date' })
  endDate: string;

  /** Guidance commitment: school–company contacts per BPV period (R17: at least 3). */
  @Column({ type: 'smallint' })
  contactsPerPeriod: number;

  /** The company trains its praktijkopleiders (R7). */
  @Column({ type: 'boolean' })
  trainerTraining: boolean;

  /** Stipend policy: at least this a month at full time, never below the norm (R15). */
  @Column({ type: 'integer' })
  minimumStipendMonthlyCents: number;

  /** Both parties place students through blind matching only (R20). */
  @Column({ type: 'boolean' })
  blindMatching: boolean;

  @OneToMany(() => AgreementCommitmentEntity, (commitment) => commitment.agreement, { cascade: ['insert'] })
  commitments?: AgreementCommitmentEntity[];

  @Column({ type: 'uuid' })
  createdByUserId: string;

  @Column({ type: 'timestamptz', nullable: true })
  proposedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  schoolSignedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  schoolSignedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  companySignedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  companySignedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  terminatedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  terminationReason: string | null;

  @Column({ type: 'date', nullable: true })
  noticeDate: string | null;

  /** Reminders already sent (so each goes out once): 'expiry-90', 'expiry-30', 'unsigned', 'under-fulfilled-2027'. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  remindersSent: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Places committed for one school year (2027 = 2027/28), crebo and leerweg. */
@Entity('agreement_commitments')
@Index(['agreementId', 'schoolYear', 'crebo', 'leerweg'], { unique: true })
@Check('agreement_commitments_places', '"places" > 0')
export class AgreementCommitmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  @ManyToOne(() => AgreementEntity, (agreement) => agreement.commitments, { onDelete: 'CASCADE' })
  agreement?: AgreementEntity;

  @Column({ type: 'smallint' })
  schoolYear: number;

  @Column({ type: 'char', length: 5 })
  crebo: string;

  @Column({ type: 'enum', enum: Leerweg, enumName: 'leerweg' })
  leerweg: Leerweg;

  @Column({ type: 'integer' })
  places: number;
}
