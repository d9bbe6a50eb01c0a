import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HOLDS_SEAT } from './seats';
import { PlacementEntity } from '../placements/placement.entity';
import { StudentEntity } from '../students/student.entity';

export enum InternshipStatus {
  /** Both sides accepted; it starts once its praktijkovereenkomst is fully signed (R8). */
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(InternshipStatus, { name: 'InternshipStatus', description: 'PLANNED → ACTIVE (POK signed) → COMPLETED or TERMINATED' });

/** The unique index that keeps a student to one seat-holding internship. */
export const ONE_SEAT_PER_STUDENT = 'internships_one_seat_per_student';

/** A student's place at a placement, created when both sides accept a proposal; it takes a seat. */
@Entity('internships')
@Index(['placementId', 'status'])
@Index(['companyId', 'status'])
@Index(['schoolId', 'status'])
/** A student's internships in order: whether she is placed, and her next internship after a termination (dashboards). */
@Index(['studentId', 'createdAt'])
/** A student holds at most one seat: whatever runs at once, the database refuses a second. */
@Index(ONE_SEAT_PER_STUDENT, ['studentId'], { unique: true, where: `status IN ${HOLDS_SEAT}` })
export class InternshipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  proposalId: string;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne(() => StudentEntity, { onDelete: 'RESTRICT' })
  student?: StudentEntity;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => PlacementEntity, { onDelete: 'RESTRICT' })
  placement?: PlacementEntity;

  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'enum', enum: InternshipStatus, enumName: 'internship_status', default: InternshipStatus.PLANNED })
  status: InternshipStatus;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  terminationReason: string | null;

  /** The party that ended it early. */
  @Column({ type: 'uuid', nullable: true })
  terminatedByOrganizationId: string | null;

  /** When both parties were told that fewer than two contacts were logged by the midpoint (R17). */
  @Column({ type: 'timestamptz', nullable: true })
  midpointAlertSentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
