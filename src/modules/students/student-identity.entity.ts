import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { StudentEntity } from './student.entity';

/**
 * Who the student is. Readable only by her own school, and by a company once both sides accepted
 * (R20). Matching never imports this entity.
 */
@Entity('student_identities')
export class StudentIdentityEntity {
  @PrimaryColumn('uuid')
  studentId: string;

  @OneToOne(() => StudentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'student_id' })
  student?: StudentEntity;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  /**
   * Her parent or guardian (issue #17): who signs her POK by an e-mailed link when she is under 18
   * on its start date (R8). Set by her school; read, like the rest, by her school and herself only.
   */
  @Column({ type: 'varchar', length: 200, nullable: true })
  guardianName: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  guardianEmail: string | null;
}
