import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DeclineReason } from '../../common/decline-reason';
import { Leerweg } from '../../common/qualification';
import { PlacementEntity } from '../placements/placement.entity';
import { StudentEntity } from '../students/student.entity';

export enum RegistrationStatus {
  /** The student registered the place she found herself (issue #17); her school approves it before the company is asked. */
  AWAITING_SCHOOL = 'AWAITING_SCHOOL',
  /** Her school rejected the place she registered herself, with a reason; the company never saw it. */
  REJECTED_BY_SCHOOL = 'REJECTED_BY_SCHOOL',
  /** The school registered the place the student found; the company has not answered. */
  REQUESTED = 'REQUESTED',
  /** The company confirmed and the rules allowed it: an internship exists (`internshipId`). */
  CONFIRMED = 'CONFIRMED',
  /** The company declined with a reason code (R21). */
  DECLINED = 'DECLINED',
  /** The school or the company withdrew it before confirmation. */
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(RegistrationStatus, { name: 'InternshipRegistrationStatus', description: 'REQUESTED → CONFIRMED, DECLINED (R21) or WITHDRAWN; one the student registered herself starts AWAITING_SCHOOL → REQUESTED (her school approved) or REJECTED_BY_SCHOOL' });

/**
 * A self-found internship: the student found the place herself and her school registers it; the
 * company confirms (and the Stagepact rules run) or declines with a reason code (R21). With a
 * placement it takes one of that placement's seats; without one it is recorded on the branch.
 */
@Entity('internship_registrations')
@Index(['companyId', 'status'])
@Index(['schoolId', 'status'])
export class InternshipRegistrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne(() => StudentEntity, { onDelete: 'RESTRICT' })
  student?: StudentEntity;

  @Column({ type: 'uuid' })
  schoolId: string;

  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'uuid' })
  branchId: string;

  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @ManyToOne(() => PlacementEntity, { onDelete: 'RESTRICT' })
  placement?: PlacementEntity;

  @Column({ type: 'char', length: 5 })
  crebo: string;

  @Column({ type: 'int' })
  level: number;

  @Column({ type: 'enum', enum: Leerweg, enumName: 'leerweg' })
  leerweg: Leerweg;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'int' })
  daysPerWeek: number;

  @Column({ type: 'int' })
  hoursPerWeek: number;

  /** BOL: the stipend (R15); BBL: the monthly wage (R14). Integer euro cents. */
  @Column({ type: 'int' })
  stipendMonthlyCents: number;

  @Column({ type: 'int', default: 0 })
  expenseAllowanceCents: number;

  /** BBL: the employment contract R14 requires. */
  @Column({ type: 'boolean', default: false })
  employmentContract: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  werkprocessen: string[];

  /** The praktijkopleider: named by the school if it knows, else by the company on confirmation (R5). */
  @Column({ type: 'uuid', nullable: true })
  trainerId: string | null;

  @Column({ type: 'enum', enum: RegistrationStatus, enumName: 'internship_registration_status', default: RegistrationStatus.REQUESTED })
  status: RegistrationStatus;

  @Column({ type: 'enum', enum: DeclineReason, enumName: 'decline_reason', nullable: true })
  declineReason: DeclineReason | null;

  @Column({ type: 'text', nullable: true })
  declineNote: string | null;

  /** When the company confirmed or declined: its selection decision, counted by the adverse-impact audit (R23). */
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnByOrganizationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  internshipId: string | null;

  @Column({ type: 'uuid' })
  registeredByUserId: string;

  /** Registered by the student herself (issue #17), not by her school's staff. */
  @Column({ type: 'boolean', default: false })
  registeredByStudent: boolean;

  /** Her school's reason for rejecting a place she registered herself. */
  @Column({ type: 'text', nullable: true })
  schoolRejectionReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
