import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { StudentEntity } from '../students/student.entity';

/**
 * A student's preference list locked by her school before a round (issue #17): while the row
 * exists she cannot change her list herself; her school's staff still can. Unlocking deletes it.
 */
@Entity('student_preference_locks')
export class StudentPreferenceLockEntity {
  @PrimaryColumn({ type: 'uuid' })
  studentId: string;

  @ManyToOne(() => StudentEntity, { onDelete: 'CASCADE' })
  student?: StudentEntity;

  @Column({ type: 'timestamptz' })
  lockedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  lockedByUserId: string | null;
}
