import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StudentEntity } from '../students/student.entity';
import { TrainerEntity } from './trainer.entity';

/**
 * A praktijkopleider guiding one student for a period (R6 counts these): at a placement, for an
 * internship, or both. Every internship gets one when it is created; changing the praktijkopleider
 * ends it and starts the next.
 */
@Entity('trainer_assignments')
@Index(['trainerId', 'startDate', 'endDate'], { where: 'ended_at IS NULL' })
@Index(['placementId', 'studentId'], { unique: true, where: 'ended_at IS NULL' })
@Index(['internshipId'], { unique: true, where: 'ended_at IS NULL' })
export class TrainerAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  trainerId: string;

  @ManyToOne(() => TrainerEntity, { onDelete: 'CASCADE' })
  trainer?: TrainerEntity;

  /** Null for a self-found internship recorded on a branch only. */
  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  /**
   * Named, not imported: placements sit above companies, so the entity refers to PlacementEntity by
   * its class name (TypeORM resolves it at boot) and companies imports nothing of placements.
   */
  @ManyToOne('PlacementEntity', { onDelete: 'CASCADE' })
  placement?: unknown;

  /** The internship it guides (internships sit above companies: a plain id). Null for one made by hand for a proposed student. */
  @Column({ type: 'uuid', nullable: true })
  internshipId: string | null;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne(() => StudentEntity, { onDelete: 'CASCADE' })
  student?: StudentEntity;

  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
