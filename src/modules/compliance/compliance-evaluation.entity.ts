import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PlacementEntity } from '../placements/placement.entity';
import { ComplianceStatus, EvaluationTrigger } from './compliance-status';
import { NormSetEntity } from './norm-set.entity';
import type { Finding } from './rules/rule';

/** One stored evaluation of a placement: the findings under one norm-set version at one moment. */
@Entity('compliance_evaluations')
@Index(['placementId', 'evaluatedAt'])
@Index(['companyId', 'evaluatedAt'])
export class ComplianceEvaluationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => PlacementEntity, { onDelete: 'CASCADE' })
  placement?: PlacementEntity;

  /** Denormalised from the placement for the per-company history. */
  @Column({ type: 'uuid' })
  companyId: string;

  @Column({ type: 'uuid' })
  normSetId: string;

  @ManyToOne(() => NormSetEntity, { onDelete: 'RESTRICT' })
  normSet?: NormSetEntity;

  @Column({ type: 'integer' })
  normSetVersion: number;

  @Column({ type: 'enum', enum: EvaluationTrigger, enumName: 'evaluation_trigger' })
  trigger: EvaluationTrigger;

  /** COMPLIANT, WARNINGS or BLOCKED: the verdict of the rules, whatever the placement's status. */
  @Column({ type: 'enum', enum: ComplianceStatus, enumName: 'compliance_status' })
  verdict: ComplianceStatus;

  @Column({ type: 'jsonb' })
  findings: Finding[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  evaluatedAt: Date;
}
