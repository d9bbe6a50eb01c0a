import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { StudentEntity } from '../students/student.entity';

/**
 * That a student's school was told she had no placement for a BPV start date: one row per student
 * and start date, so the daily check tells the school once, and again only if the start moves.
 */
@Entity('unplaced_student_alerts')
@Index(['schoolId', 'notifiedAt'])
export class UnplacedStudentAlertEntity {
  @PrimaryColumn({ type: 'uuid' })
  studentId: string;

  @ManyToOne(() => StudentEntity, { onDelete: 'CASCADE' })
  student?: StudentEntity;

  /** Her `availableFrom` when the school was told. */
  @PrimaryColumn({ type: 'date' })
  startDate: string;

  /** Her school at the time (the recipient). */
  @Column({ type: 'uuid' })
  schoolId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  notifiedAt: Date;
}
