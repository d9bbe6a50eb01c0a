import { registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InternshipEntity } from './internship.entity';

/** Who gives an end-of-period evaluation (R18, R19). */
export enum Evaluator {
  /** Recorded by the student herself; by her school only for a student without an active account (on her behalf). */
  STUDENT = 'STUDENT',
  /** The praktijkopleider, recorded by the company. */
  TRAINER = 'TRAINER',
  SCHOOL = 'SCHOOL',
}
registerEnumType(Evaluator, { name: 'Evaluator', description: 'Who gives an end evaluation (R19)' });

/** An end evaluation: a 1–10 rating and satisfaction with the school's and the company's guidance (R19). */
@Entity('internship_evaluations')
@Index(['internshipId', 'evaluator'], { unique: true })
@Check('internship_evaluations_rating_r19', '"rating" BETWEEN 1 AND 10')
export class EvaluationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  internshipId: string;

  @ManyToOne(() => InternshipEntity, { onDelete: 'CASCADE' })
  internship?: InternshipEntity;

  @Column({ type: 'enum', enum: Evaluator, enumName: 'evaluator' })
  evaluator: Evaluator;

  @Column({ type: 'smallint' })
  rating: number;

  @Column({ type: 'boolean' })
  satisfiedWithSchoolGuidance: boolean;

  @Column({ type: 'boolean' })
  satisfiedWithCompanyGuidance: boolean;

  @Column({ type: 'text', nullable: true })
  comments: string | null;

  @Column({ type: 'uuid' })
  recordedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
