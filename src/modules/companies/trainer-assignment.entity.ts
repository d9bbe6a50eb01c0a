import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StudentEntity } from '../students/student.entity';
import { TrainerEntity } from './trainer.entity';

/** A praktijkopleider guiding one student at one placement for the placement's period (R6 counts these). */
@Entity('trainer_assignments')
@Index(['trainerId', 'startDate', 'endDate'], { where: 'ended_at IS NULL' })
@Index(['placementId', 'studentId'], { unique: true, where: 'ended_at IS NULL' })
export class TrainerAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  trainerId: string;

  @ManyToOne(() => TrainerEntity, { onDelete: 'CASCADE' })
  trainer?: TrainerEntity;

  @Column({ type: 'uuid' })
  placementId: string;

  /**
   * Named, not imported: placements sit above companies, so the entity refers to PlacementEntity by
   * its class name (TypeORM resolves it at boot) and companies imports nothing of placements.
   */
  @ManyToOne('PlacementEntity', { onDelete: 'CASCADE' })
  placement?: unknown;

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
