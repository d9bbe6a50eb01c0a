import { DeclineReason } from '../../common/decline-reason';
import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PlacementEntity } from '../placements/placement.entity';
import { StudentEntity } from '../students/student.entity';
import { MatchRoundEntity } from './match-round.entity';

export enum ProposalStatus {
  /** Waiting for the company's and the school's answers. */
  OPEN = 'OPEN',
  /** Both said yes: an internship exists and the company sees who the student is. */
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
  /** The placement was suspended before both had said yes (R2); no one's decision, the student is free again. */
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ProposalStatus, { name: 'ProposalStatus', description: 'Where a proposal of the matcher is' });

export enum Answer {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}
registerEnumType(Answer, { name: 'Answer', description: "One side's answer to a proposal" });

/** Who gave the student's answer (issue #17). */
export enum StudentAnswerBy {
  /** The student herself, signed in with her own account. */
  STUDENT = 'STUDENT',
  /** Her school, for a student without an active account of her own: recorded and audited as on her behalf. */
  SCHOOL_ON_BEHALF = 'SCHOOL_ON_BEHALF',
}
registerEnumType(StudentAnswerBy, { name: 'StudentAnswerBy', description: "Who gave the student's answer: she herself, or her school on her behalf" });

export { DeclineReason };

/** The unique index that keeps a student to one OPEN proposal. */
export const ONE_OPEN_PROPOSAL_PER_STUDENT = 'proposals_one_open_per_student';

/** The matcher's offer of one placement to one student in one round. */
@Entity('proposals')
@Index(['roundId', 'studentId'], { unique: true })
@Index(['placementId', 'status'])
@Index(['companyId', 'status'])
@Index(['schoolId', 'status'])
@Index(['studentId', 'status'])
/** A student waits for at most one answer at a time, across rounds (several workers may run rounds at once). */
@Index(ONE_OPEN_PROPOSAL_PER_STUDENT, ['studentId'], { unique: true, where: `status = 'OPEN'` })
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @ManyToOne(() => MatchRoundEntity, { onDelete: 'CASCADE' })
  round?: MatchRoundEntity;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne(() => StudentEntity, { onDelete: 'CASCADE' })
  student?: StudentEntity;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => PlacementEntity, { onDelete: 'CASCADE' })
  placement?: PlacementEntity;

  /** Denormalised for access checks: the placement's company and the student's school. */
  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  /** What the company sees instead of a name; unique to this proposal. */
  @Column({ type: 'text', unique: true })
  pseudonym: string;

  /** The placement's position in the student's list (1 = first choice). */
  @Column({ type: 'smallint' })
  rank: number;

  /** The blind priority the placement gave the student. */
  @Column({ type: 'double precision' })
  priority: number;

  @Column({ type: 'enum', enum: ProposalStatus, enumName: 'proposal_status', default: ProposalStatus.OPEN })
  status: ProposalStatus;

  @Column({ type: 'enum', enum: Answer, enumName: 'proposal_answer', default: Answer.PENDING })
  companyAnswer: Answer;

  @Column({ type: 'enum', enum: DeclineReason, enumName: 'decline_reason', nullable: true })
  declineReason: DeclineReason | null;

  /** When the company answered: the adverse-impact audit compares response times per group (R23). */
  @Column({ type: 'timestamptz', nullable: true })
  companyAnsweredAt: Date | null;

  @Column({ type: 'enum', enum: Answer, enumName: 'proposal_answer', default: Answer.PENDING })
  studentAnswer: Answer;

  /** Who gave `studentAnswer`: she herself or her school on her behalf; null while it is PENDING. */
  @Column({ type: 'enum', enum: StudentAnswerBy, enumName: 'student_answer_by', nullable: true })
  studentAnsweredBy: StudentAnswerBy | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiryReminderSentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
