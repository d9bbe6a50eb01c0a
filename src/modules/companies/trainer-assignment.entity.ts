import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PlacementEntity } from '../placements/placement.entity';
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

  @ManyToOne(() => PlacementEntity, { onDelete: 'CASCADE' })
  placement?: PlacementEntity;

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
