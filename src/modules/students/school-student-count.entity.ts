import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many current (unarchived) students a school has; kept by triggers on `students` (migration 1795489000000). */
@Entity('school_student_counts')
export class SchoolStudentCountEntity {
  @PrimaryColumn('uuid')
  schoolId: string;

  @Column({ type: 'integer' })
  current: number;
}
