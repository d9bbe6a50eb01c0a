import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import { BranchEntity } from './branch.entity';

/**
 * SBB refused an application for an accreditation of a branch for one crebo. The branch may apply
 * again six months later (R3, Reglement erkenning leerbedrijven); until then a grant is refused.
 */
@Entity('accreditation_refusals')
@Index(['branchId', 'crebo', 'refusedOn'])
@Index(['companyId', 'refusedOn'])
export class AccreditationRefusalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  branchId: string;

  @ManyToOne(() => BranchEntity, { onDelete: 'CASCADE' })
  branch?: BranchEntity;

  /** Denormalised from the branch for per-company queries. */
  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  company?: OrganizationEntity;

  @Column({ type: 'char', length: 5 })
  crebo: string;

  @Column({ type: 'date' })
  refusedOn: string;

  @Column({ type: 'text' })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
