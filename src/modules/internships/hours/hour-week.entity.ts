import { registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { InternshipEntity } from '../internship.entity';

/** Where a logged week stands: the student may correct it until the company approves it. */
export enum HourWeekStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  /** Sent back with the company's comment; she corrects it and it is SUBMITTED again. */
  REJECTED = 'REJECTED',
}
registerEnumType(HourWeekStatus, { name: 'HourWeekStatus', description: 'A logged week: submitted by the student, approved or rejected (with a comment) by the company' });

/**
 * One week of an internship's hours as the student logged them (issue #17): per day, Monday to
 * Sunday, so R11's per-shift limits can be judged (one shift a day). The compliance findings on
 * the weeks (R8 against the POK, R10–R12) are the internship's `hoursFindings`, judged by
 * compliance's `judgeActualHours` each time one of its weeks changes.
 */
@Entity('internship_hour_weeks')
@Check('internship_hour_weeks_seven_days', 'array_length("hours_per_day", 1) = 7')
@Check('internship_hour_weeks_monday', 'extract(isodow FROM "week_start") = 1')
@Check('internship_hour_weeks_rejected_with_comment', `"status" <> 'REJECTED' OR "review_comment" IS NOT NULL`)
@Index('internship_hour_weeks_one_per_week', ['internshipId', 'weekStart'], { unique: true })
export class HourWeekEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  internshipId: string;

  @ManyToOne(() => InternshipEntity, { onDelete: 'CASCADE' })
  internship?: InternshipEntity;

  /** The Monday of the ISO week. */
  @Column({ type: 'date' })
  weekStart: string;

  /** Seven figures, Monday first. */
  @Column({ type: 'real', array: true })
  hoursPerDay: number[];

  @Column({ type: 'real' })
  totalHours: number;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'enum', enum: HourWeekStatus, enumName: 'hour_week_status', default: HourWeekStatus.SUBMITTED })
  status: HourWeekStatus;

  /** The company's comment with its decision (required with a rejection). */
  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'uuid' })
  loggedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
