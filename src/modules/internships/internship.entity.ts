import { registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HOLDS_SEAT } from './seats';
import { PlacementEntity } from '../placements/placement.entity';
import { StudentEntity } from '../students/student.entity';
import type { Finding } from '../compliance/rules/rule';

export enum InternshipStatus {
  /** Both sides accepted; it starts once its praktijkovereenkomst is fully signed (R8). */
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(InternshipStatus, { name: 'InternshipStatus', description: 'PLANNED → ACTIVE (POK signed) → COMPLETED or TERMINATED' });

/** Why an internship ended early: codes, so that the terminations report can count them. */
export enum TerminationCode {
  STUDENT_CHOICE = 'STUDENT_CHOICE',
  COMPANY_STOPPED = 'COMPANY_STOPPED',
  GUIDANCE_INSUFFICIENT = 'GUIDANCE_INSUFFICIENT',
  CONDUCT = 'CONDUCT',
  HEALTH = 'HEALTH',
  /** The student may report it to the school's meldpunt (R22): `fileDiscriminationReport`. */
  DISCRIMINATION = 'DISCRIMINATION',
  OTHER = 'OTHER',
}
registerEnumType(TerminationCode, { name: 'TerminationCode', description: 'Why an internship ended early; DISCRIMINATION points to the meldpunt (R22)' });

/** Why an internship is completed before its end date (audited); on or after the end date none is needed. */
export enum EarlyCompletionReason {
  HOURS_COMPLETED = 'HOURS_COMPLETED',
  QUALIFICATION_ACHIEVED = 'QUALIFICATION_ACHIEVED',
  PERIOD_SHORTENED_BY_SCHOOL = 'PERIOD_SHORTENED_BY_SCHOOL',
}
registerEnumType(EarlyCompletionReason, { name: 'EarlyCompletionReason', description: 'Why an internship completed before its end date' });

/** The unique index that keeps a student to one seat-holding internship. */
export const ONE_SEAT_PER_STUDENT = 'internships_one_seat_per_student';

/**
 * A student's internship: created when both sides accept a proposal, or when the company confirms a
 * self-found internship the school registered. At a placement it takes a seat.
 */
@Entity('internships')
@Index(['placementId', 'status'])
@Index(['companyId', 'status'])
@Index(['schoolId', 'status'])
/** A student's internships in order: whether she is placed, and her next internship after a termination (dashboards). */
@Index(['studentId', 'createdAt'])
/** A student holds at most one seat: whatever runs at once, the database refuses a second. */
@Check('internships_matched_or_self_found', '(proposal_id IS NULL) <> (registration_id IS NULL)')
@Index(ONE_SEAT_PER_STUDENT, ['studentId'], { unique: true, where: `status IN ${HOLDS_SEAT}` })
export class InternshipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The accepted proposal a match made it from; null for a self-found internship. */
  @Column({ type: 'uuid', unique: true, nullable: true })
  proposalId: string | null;

  /** The registration a self-found internship was confirmed from; null for a matched one. */
  @Column({ type: 'uuid', unique: true, nullable: true })
  registrationId: string | null;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne(() => StudentEntity, { onDelete: 'RESTRICT' })
  student?: StudentEntity;

  /** The placement whose seat it holds; null for a self-found internship recorded on a branch only. */
  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @ManyToOne(() => PlacementEntity, { onDelete: 'RESTRICT' })
  placement?: PlacementEntity;

  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'enum', enum: InternshipStatus, enumName: 'internship_status', default: InternshipStatus.PLANNED })
  status: InternshipStatus;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** The note with a termination (optional beside its code). */
  @Column({ type: 'text', nullable: true })
  terminationReason: string | null;

  @Column({ type: 'enum', enum: TerminationCode, enumName: 'internship_termination_code', nullable: true })
  terminationCode: TerminationCode | null;

  @Column({ type: 'enum', enum: EarlyCompletionReason, enumName: 'internship_early_completion_reason', nullable: true })
  earlyCompletionReason: EarlyCompletionReason | null;

  /** Why it completed with fewer approved hours than the margin of the POK's total allows (issue #17, R10); audited. */
  @Column({ type: 'text', nullable: true })
  hoursShortfallReason: string | null;

  /**
   * The compliance findings on her actual hours (R8 against the POK, R10–R12, R11's under-18
   * limits), judged by compliance's `judgeActualHours` whenever one of its weeks changes; each names
   * its week (`details.weekStart`) where it is about one. SBB reads them in `companyCompliance`.
   */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  hoursFindings: Finding[];

  /** The party that ended it early. */
  @Column({ type: 'uuid', nullable: true })
  terminatedByOrganizationId: string | null;

  /** When both parties were told that fewer than two contacts were logged by the midpoint (R17). */
  @Column({ type: 'timestamptz', nullable: true })
  midpointAlertSentAt: Date | null;

  /** When the student was reminded, once, that the internship is about to start (issue #17). */
  @Column({ type: 'timestamptz', nullable: true })
  startReminderSentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
