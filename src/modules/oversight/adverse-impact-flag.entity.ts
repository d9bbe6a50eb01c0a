import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import type { GroupImpact } from './adverse-impact';
import type { AuditGround } from './protected-attributes.entity';

/**
 * The figures that flagged a company in one adverse-impact audit (R23), kept so that a meldpunt
 * sanction against that company can show what flagged it (R22), as it was then.
 */
@Entity('adverse_impact_flags')
@Index(['companyId', 'flaggedAt'])
export class AdverseImpactFlagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  company?: OrganizationEntity;

  @Column({ type: 'varchar', length: 30 })
  ground: AuditGround;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  @Column({ type: 'float8' })
  falseDiscoveryRate: number;

  @Column({ type: 'float8' })
  lowestImpactRatio: number;

  @Column({ type: 'float8' })
  intervalLow: number;

  @Column({ type: 'float8' })
  intervalHigh: number;

  @Column({ type: 'float8' })
  pValue: number;

  @Column({ type: 'float8' })
  qValue: number;

  /** Its groups as the audit showed them (suppressed ones withheld). */
  @Column({ type: 'jsonb' })
  groups: GroupImpact[];

  /** The SBB user who ran the audit. */
  @Column({ type: 'uuid' })
  auditedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  flaggedAt: Date;
}
