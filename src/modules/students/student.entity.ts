import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Leerweg } from '../../common/qualification';
import { OrganizationEntity } from '../organizations/organization.entity';
import { PostcodeEntity } from '../postcodes/postcode.entity';

/**
 * A student's objective profile: everything matching may read (R20). Identity lives apart in
 * `StudentIdentityEntity`, which only the students module imports.
 */
// The first page of a school's list in index order (migration 1795489000000 orders created_at DESC, which the decorator cannot say).
@Index('students_current_by_school', ['schoolId', 'createdAt', 'id'], { where: '"archived_at" IS NULL' })
@Entity('students')
@Index(['schoolId', 'archivedAt'])
@Index(['crebo', 'level', 'leerweg'])
// The school's own number for her (its student administration): unique per school; what an import upserts by.
@Index('students_number_per_school', ['schoolId', 'studentNumber'], { unique: true, where: '"student_number" IS NOT NULL' })
@Index('students_school_created_keyset', { synchronize: false })
@Check('students_level_r4', '"level" BETWEEN 1 AND 4')
@Check('students_crebo_r4', '"crebo" ~ \'^[0-9]{5}$\'')
@Check('students_radius', '"radius_km" BETWEEN 1 AND 200')
@Check('students_availability_ordered', '"available_until" >= "available_from"')
export class StudentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  school?: OrganizationEntity;

  /** The school's student number (unique per school); identifies her to the school only, never to matching (R20). */
  @Column({ type: 'varchar', length: 30, nullable: true })
  studentNumber: string | null;

  @Column({ type: 'char', length: 5 })
  crebo: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'enum', enum: Leerweg, enumName: 'leerweg' })
  leerweg: Leerweg;

  /** The school year the student started in, e.g. 2025 for 2025–2026. */
  @Column({ type: 'smallint' })
  cohort: number;

  @Column({ type: 'text' })
  learningWish: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  werkprocessen: string[];

  @Column({ type: 'char', length: 4 })
  homePostcode: string;

  @ManyToOne(() => PostcodeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'home_postcode' })
  homePostcodeArea?: PostcodeEntity;

  @Column({ type: 'smallint' })
  radiusKm: number;

  @Column({ type: 'date' })
  availableFrom: string;

  @Column({ type: 'date' })
  availableUntil: string;

  @Column({ type: 'smallint' })
  daysPerWeek: number;

  @Column({ type: 'smallint' })
  hoursPerWeek: number;

  @Column({ type: 'text', nullable: true })
  accessibilityNeeds: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  /** Her internship was ended early: she goes first among equals in the next match round. */
  @Column({ type: 'boolean', default: false })
  rematchPriority: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
