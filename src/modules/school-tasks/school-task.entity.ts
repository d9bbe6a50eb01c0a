import { registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InternshipEntity } from '../internships/internship.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { PlacementEntity } from '../placements/placement.entity';
import { StudentEntity } from '../students/student.entity';

export enum SchoolTaskKind {
  /** R22: aftercare for the student a discrimination report names. */
  AFTERCARE = 'AFTERCARE',
  /** R2: the accreditation behind her placement was revoked; find her another one. */
  REPLACEMENT_SEARCH = 'REPLACEMENT_SEARCH',
}
registerEnumType(SchoolTaskKind, { name: 'SchoolTaskKind', description: 'AFTERCARE (R22, after a report) or REPLACEMENT_SEARCH (R2, after a revocation)' });

export enum SchoolTaskStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
}
registerEnumType(SchoolTaskStatus, { name: 'SchoolTaskStatus', description: 'Whether a school task is still to do' });

/** Work the system hands a school: aftercare after a report (R22), a replacement search after a revocation (R2). */
@Entity('school_tasks')
@Index(['schoolId', 'status', 'createdAt'])
@Index('school_tasks_one_open_replacement_search', ['studentId', 'placementId'], {
  unique: true,
  where: `kind = 'REPLACEMENT_SEARCH' AND status = 'OPEN'`,
})
@Check('school_tasks_completed', `("status" = 'DONE') = ("completed_at" IS NOT NULL)`)
export class SchoolTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: SchoolTaskKind, enumName: 'school_task_kind' })
  kind: SchoolTaskKind;

  @Column({ type: 'enum', enum: SchoolTaskStatus, enumName: 'school_task_status', default: SchoolTaskStatus.OPEN })
  status: SchoolTaskStatus;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  school?: OrganizationEntity;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  studentId: string | null;

  @ManyToOne(() => StudentEntity, { onDelete: 'RESTRICT' })
  student?: StudentEntity;

  @Column({ type: 'uuid', nullable: true })
  reportId: string | null;

  /** The meldpunt's report, named by entity so that school-tasks does not import meldpunt (which opens these tasks). */
  @ManyToOne('DiscriminationReportEntity', { onDelete: 'RESTRICT' })
  report?: { id: string };

  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @ManyToOne(() => PlacementEntity, { onDelete: 'RESTRICT' })
  placement?: PlacementEntity;

  @Column({ type: 'uuid', nullable: true })
  internshipId: string | null;

  @ManyToOne(() => InternshipEntity, { onDelete: 'RESTRICT' })
  internship?: InternshipEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Who caused it (the reporting school user, or SBB revoking); null for the system. */
  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedByUserId: string | null;

  @Column({ type: 'text', nullable: true })
  completionNote: string | null;
}
