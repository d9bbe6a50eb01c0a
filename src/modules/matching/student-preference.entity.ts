import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PlacementEntity } from '../placements/placement.entity';
import { StudentEntity } from '../students/student.entity';

/** One entry of a student's ranked list of placements (rank 1 is her first choice). */
@Entity('student_preferences')
@Index(['studentId', 'rank'], { unique: true })
@Index(['studentId', 'placementId'], { unique: true })
@Index(['placementId'])
export class StudentPreferenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne(() => StudentEntity, { onDelete: 'CASCADE' })
  student?: StudentEntity;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => PlacementEntity, { onDelete: 'CASCADE' })
  placement?: PlacementEntity;

  @Column({ type: 'smallint' })
  rank: number;

  /** Added by the system's suggestions rather than chosen by the student. */
  @Column({ type: 'boolean', default: false })
  suggested: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
