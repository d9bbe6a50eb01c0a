import { registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { InternshipEntity } from '../internship.entity';

export enum AssessmentStatus {
  /** The praktijkopleider is assessing; she may still change a grade. */
  DRAFT = 'DRAFT',
  /** The school confirmed it: final. */
  CONFIRMED = 'CONFIRMED',
}
registerEnumType(AssessmentStatus, { name: 'AssessmentStatus', description: 'An assessment: a draft of the praktijkopleider, or confirmed by the school (final)' });

export enum AssessmentGrade {
  ONVOLDOENDE = 'ONVOLDOENDE',
  VOLDOENDE = 'VOLDOENDE',
  GOED = 'GOED',
}
registerEnumType(AssessmentGrade, { name: 'AssessmentGrade', description: 'The grade of one werkproces' });

/** The praktijkopleider's assessment of an internship, per werkproces of its POK; the school confirms it (issue #17). */
@Entity('internship_assessments')
@Check('internship_assessments_confirmed', `("status" = 'CONFIRMED') = ("confirmed_at" IS NOT NULL)`)
@Index('internship_assessments_one_per_internship', ['internshipId'], { unique: true })
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  internshipId: string;

  @ManyToOne(() => InternshipEntity, { onDelete: 'CASCADE' })
  internship?: InternshipEntity;

  @Column({ type: 'enum', enum: AssessmentStatus, enumName: 'assessment_status', default: AssessmentStatus.DRAFT })
  status: AssessmentStatus;

  /** The POK version whose werkprocessen it covered when the school confirmed it. */
  @Column({ type: 'smallint', nullable: true })
  pokVersion: number | null;

  @Column({ type: 'uuid', nullable: true })
  confirmedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @OneToMany(() => AssessmentItemEntity, (item) => item.assessment)
  items?: AssessmentItemEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One werkproces's grade with the praktijkopleider's comment. */
@Entity('internship_assessment_items')
@Index('internship_assessment_items_one_per_werkproces', ['assessmentId', 'werkproces'], { unique: true })
export class AssessmentItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  assessmentId: string;

  @ManyToOne(() => AssessmentEntity, (assessment) => assessment.items, { onDelete: 'CASCADE' })
  assessment?: AssessmentEntity;

  @Column({ type: 'text' })
  werkproces: string;

  @Column({ type: 'enum', enum: AssessmentGrade, enumName: 'assessment_grade' })
  grade: AssessmentGrade;

  @Column({ type: 'text' })
  comment: string;

  @Column({ type: 'uuid' })
  assessedByUserId: string;

  @Column({ type: 'timestamptz' })
  assessedAt: Date;
}
