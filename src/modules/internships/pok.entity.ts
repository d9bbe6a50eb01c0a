import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InternshipEntity } from './internship.entity';

export enum PokStatus {
  /** Waiting for signatures. */
  PENDING = 'PENDING',
  SIGNED = 'SIGNED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(PokStatus, { name: 'PokStatus' });

export enum PokParty {
  /** Recorded by her school. */
  STUDENT = 'STUDENT',
  /** Required when she is under 18 on the start date; recorded by her school. */
  GUARDIAN = 'GUARDIAN',
  SCHOOL = 'SCHOOL',
  COMPANY = 'COMPANY',
}
registerEnumType(PokParty, { name: 'PokParty' });

/** What R8 requires a praktijkopleider­overeenkomst to state, fixed when the version is made. */
export interface PokTerms {
  school: string;
  company: string;
  branch: string;
  student: string;
  crebo: string;
  level: number;
  leerweg: string;
  startDate: string;
  endDate: string;
  hoursPerWeek: number;
  totalHours: number;
  praktijkopleider: string | null;
  werkprocessen: string[];
  /** BOL: the stipend (R15); BBL: the wage under her employment contract (R14). Euro cents a month; absent on versions made before it was stated. */
  stipendMonthlyCents?: number;
  expenseAllowanceCents?: number;
  /** BBL: the employment contract R14 requires (a BOL student has none). */
  employmentContract?: boolean;
  assessment: string;
  guidanceFrequency: string;
  terminationClause: string;
}

/** The praktijkovereenkomst (POK, R8): one version per set of terms; a signed version never changes (R9). */
@Entity('poks')
@Index(['internshipId', 'version'], { unique: true })
export class PokEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  internshipId: string;

  @ManyToOne(() => InternshipEntity, { onDelete: 'CASCADE' })
  internship?: InternshipEntity;

  @Column({ type: 'smallint' })
  version: number;

  @Column({ type: 'enum', enum: PokStatus, enumName: 'pok_status', default: PokStatus.PENDING })
  status: PokStatus;

  @Column({ type: 'jsonb' })
  terms: PokTerms;

  /** The student is under 18 on the start date (R8). */
  @Column({ type: 'boolean' })
  guardianRequired: boolean;

  /** Per party: who recorded the signature and when. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  signatures: Partial<Record<PokParty, { userId: string; at: string }>>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
