import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import { BranchEntity } from './branch.entity';

/** A praktijkopleider: the company's workplace trainer (R5–R7 data). */
@Entity('trainers')
export class TrainerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  company?: OrganizationEntity;

  @Column({ type: 'uuid', nullable: true })
  branchId: string | null;

  @ManyToOne(() => BranchEntity, { onDelete: 'SET NULL' })
  branch?: BranchEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** Highest education level: 1–4 MBO, 5 HBO, 6 WO (R7: at least the qualification's level). */
  @Column({ type: 'smallint' })
  qualificationLevel: number;

  @Column({ type: 'smallint' })
  yearsOfExperience: number;

  /** The praktijkopleider/leermeester course (R7, T&GO). */
  @Column({ type: 'date', nullable: true })
  courseCompletedOn: string | null;

  /** The latest refresher; T&GO requires one at most two years old (R7). */
  @Column({ type: 'date', nullable: true })
  refresherCompletedOn: string | null;

  /** Sector training (ZDV&V, ICT) and its agreed deadline (R7). */
  @Column({ type: 'date', nullable: true })
  sectorTrainingCompletedOn: string | null;

  @Column({ type: 'date', nullable: true })
  sectorTrainingDeadline: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
