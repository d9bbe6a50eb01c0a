import { registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Leerweg } from '../../common/qualification';
import { ComplianceStatus, type Finding } from './placement-compliance';
import { BranchEntity } from '../companies/branch.entity';
import { TrainerEntity } from '../companies/trainer.entity';
import { OrganizationEntity } from '../organizations/organization.entity';

export enum PlacementStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  /** Taken out of search because a re-evaluation found BLOCK findings (R2); publishing again re-checks it. */
  SUSPENDED = 'SUSPENDED',
  CLOSED = 'CLOSED',
}
registerEnumType(PlacementStatus, { name: 'PlacementStatus', description: 'DRAFT → PUBLISHED ⇄ SUSPENDED → CLOSED' });

/** An internship place a company branch offers. Money is in integer euro cents. */
@Entity('placements')
@Index(['status', 'startDate'])
@Index(['companyId', 'status'])
@Index(['complianceStatus'])
// The company's own reference for a placement (its HR system's): what a bulk import upserts by (issue #18).
@Index('placements_reference_per_company', ['companyId', 'reference'], { unique: true, where: '"reference" IS NOT NULL' })
@Index('placements_crebos_gin', { synchronize: false })
@Index('placements_compliance_rules_gin', { synchronize: false })
@Index('placements_search_document_gin', { synchronize: false })
@Index('placements_published_start_keyset', { synchronize: false })
@Index('placements_published_siblings', { synchronize: false })
@Check('placements_capacity_non_negative', '"capacity" >= 0')
@Check('placements_money_non_negative', '"stipend_monthly_cents" >= 0 AND "expense_allowance_cents" >= 0')
@Check('placements_dates_ordered', '"end_date" >= "start_date"')
@Check('placements_level_r4', '"level" BETWEEN 1 AND 4')
export class PlacementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  company?: OrganizationEntity;

  @Index()
  @Column({ type: 'uuid' })
  branchId: string;

  @ManyToOne(() => BranchEntity, { onDelete: 'RESTRICT' })
  branch?: BranchEntity;

  @Column({ type: 'uuid', nullable: true })
  trainerId: string | null;

  @ManyToOne(() => TrainerEntity, { onDelete: 'SET NULL' })
  trainer?: TrainerEntity;

  /** The company's own reference (unique per company), set by a bulk import; null for placements made one at a time. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  reference: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', array: true })
  crebos: string[];

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'enum', enum: Leerweg, enumName: 'leerweg' })
  leerweg: Leerweg;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  werkprocessen: string[];

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'smallint' })
  daysPerWeek: number;

  @Column({ type: 'smallint' })
  hoursPerWeek: number;

  /** Seats; 0 means the placement takes nobody for now. */
  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer' })
  stipendMonthlyCents: number;

  @Column({ type: 'integer' })
  expenseAllowanceCents: number;

  @Column({ type: 'enum', enum: PlacementStatus, enumName: 'placement_status', default: PlacementStatus.DRAFT })
  status: PlacementStatus;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt: Date | null;

  /** The latest evaluation, kept on the placement so reports aggregate without joining the history. */
  @Column({ type: 'enum', enum: ComplianceStatus, enumName: 'compliance_status', default: ComplianceStatus.BLOCKED })
  complianceStatus: ComplianceStatus;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  complianceFindings: Finding[];

  /** The rule ids among those findings (GIN-indexed for "most violated rules"). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  complianceRules: string[];

  @Column({ type: 'integer', nullable: true })
  normSetVersion: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  evaluatedAt: Date | null;

  /**
   * The Dutch full-text document (title A, company name and werkprocessen B, description C), kept by
   * database triggers (migration 1795493000000); never written or read by the application.
   */
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchDocument?: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Set by a `near` search: km from the searched postcode; not a column. */
  distanceKm?: number | null;
}
