import { registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { InternshipEntity } from '../internships/internship.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { PlacementEntity } from '../placements/placement.entity';
import { StudentEntity } from '../students/student.entity';

/** The grounds of the Dutch equal-treatment act (AWGB art. 1), and OTHER. */
export enum DiscriminationGround {
  RACE_OR_ORIGIN = 'RACE_OR_ORIGIN',
  NATIONALITY = 'NATIONALITY',
  RELIGION_OR_BELIEF = 'RELIGION_OR_BELIEF',
  GENDER = 'GENDER',
  SEXUAL_ORIENTATION = 'SEXUAL_ORIENTATION',
  DISABILITY_OR_CHRONIC_ILLNESS = 'DISABILITY_OR_CHRONIC_ILLNESS',
  AGE = 'AGE',
  MARITAL_STATUS = 'MARITAL_STATUS',
  POLITICAL_OPINION = 'POLITICAL_OPINION',
  OTHER = 'OTHER',
}
registerEnumType(DiscriminationGround, { name: 'DiscriminationGround', description: 'The grounds of the Dutch equal-treatment act (AWGB art. 1), or OTHER' });

export enum ReportStatus {
  RECEIVED = 'RECEIVED',
  INVESTIGATING = 'INVESTIGATING',
  RESOLVED = 'RESOLVED',
  ESCALATED_TO_SBB = 'ESCALATED_TO_SBB',
  SANCTIONED = 'SANCTIONED',
}
registerEnumType(ReportStatus, {
  name: 'DiscriminationReportStatus',
  description: 'R22: RECEIVED → INVESTIGATING (school) → RESOLVED (school) or ESCALATED_TO_SBB (school) → SANCTIONED or RESOLVED (SBB)',
});

export enum Sanction {
  /** Recorded on the report; the company's admins are told, without the reporter. */
  WARNING = 'WARNING',
  /** Every active accreditation of the company is revoked, with R2's cascade. */
  REVOCATION = 'REVOCATION',
}
registerEnumType(Sanction, { name: 'Sanction', description: 'R22: WARNING, or REVOCATION of every active accreditation (R2 cascade)' });

/**
 * A meldpunt report (R22): a school reports discrimination by a company, optionally at one of its
 * placements or in an internship of one of its students. The company never reads it.
 */
@Entity('discrimination_reports')
@Index(['schoolId', 'status'])
@Index(['companyId', 'status'])
@Index(['status', 'createdAt'])
@Check('discrimination_reports_sanction_r22', `("status" = 'SANCTIONED') = ("sanction" IS NOT NULL)`)
@Check('discrimination_reports_consent_r22', `NOT "share_identity_with_company" OR ("filed_by_student" AND "student_id" IS NOT NULL)`)
@Index('IDX_discrimination_reports_student_filed', ['studentId', 'createdAt'], { where: '"filed_by_student"' })
export class DiscriminationReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The reporting school (the meldpunt that received it). */
  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  school?: OrganizationEntity;

  @Column({ type: 'uuid' })
  reportedByUserId: string;

  /** The school's own student it concerns, if any (she reports through her school). */
  @Column({ type: 'uuid', nullable: true })
  studentId: string | null;

  @ManyToOne(() => StudentEntity, { onDelete: 'RESTRICT' })
  student?: StudentEntity;

  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  company?: OrganizationEntity;

  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @ManyToOne(() => PlacementEntity, { onDelete: 'RESTRICT' })
  placement?: PlacementEntity;

  @Column({ type: 'uuid', nullable: true })
  internshipId: string | null;

  @ManyToOne(() => InternshipEntity, { onDelete: 'RESTRICT' })
  internship?: InternshipEntity;

  @Column({ type: 'enum', enum: DiscriminationGround, enumName: 'discrimination_ground' })
  ground: DiscriminationGround;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'date' })
  incidentDate: string;

  @Column({ type: 'enum', enum: ReportStatus, enumName: 'discrimination_report_status', default: ReportStatus.RECEIVED })
  status: ReportStatus;

  /** R22, issue #17: the student filed it herself, signed in as herself (`fileMyDiscriminationReport`); `studentId` is she. */
  @Column({ type: 'boolean', default: false })
  filedByStudent: boolean;

  /**
   * R22: her consent that the company may learn who reported (only on a report she filed herself).
   * Without it (the default) nothing the company receives names her: no report, message, sanction or audit entry.
   */
  @Column({ type: 'boolean', default: false })
  shareIdentityWithCompany: boolean;

  /** The school had no student at the company when it reported (no proposal, internship or trainer link): allowed, flagged. */
  @Column({ type: 'boolean' })
  noStudentLink: boolean;

  /** Why the school or SBB closed it as RESOLVED. */
  @Column({ type: 'text', nullable: true })
  resolutionNote: string | null;

  @Column({ type: 'enum', enum: Sanction, enumName: 'report_sanction', nullable: true })
  sanction: Sanction | null;

  @Column({ type: 'text', nullable: true })
  sanctionReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One step of a report's flow, kept as history (R22); filing is the first, from nothing to RECEIVED. */
@Entity('discrimination_report_transitions')
@Index(['reportId', 'at'])
export class ReportTransitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  reportId: string;

  @ManyToOne(() => DiscriminationReportEntity, { onDelete: 'CASCADE' })
  report?: DiscriminationReportEntity;

  @Column({ type: 'enum', enum: ReportStatus, enumName: 'discrimination_report_status', nullable: true })
  fromStatus: ReportStatus | null;

  @Column({ type: 'enum', enum: ReportStatus, enumName: 'discrimination_report_status' })
  toStatus: ReportStatus;

  @Column({ type: 'uuid' })
  byUserId: string;

  @Column({ type: 'uuid' })
  byOrganizationId: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
