import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InternshipEntity } from './internship.entity';

export enum PokStatus {
  /** Waiting for signatures. */
  PENDING = 'PENDING',
  SIGNED = 'SIGNED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(PokStatus, { name: 'PokStatus', description: 'Where a POK version is: awaiting signatures, signed, or replaced' });

export enum PokParty {
  /** She signs herself with her own account; her school records it on her behalf only while she has no active account (issue #17). */
  STUDENT = 'STUDENT',
  /** Required when she is under 18 on the start date: signs through the single-use link e-mailed to the guardian's address; her school records it on the guardian's behalf only when no address is known. */
  GUARDIAN = 'GUARDIAN',
  SCHOOL = 'SCHOOL',
  COMPANY = 'COMPANY',
}
registerEnumType(PokParty, { name: 'PokParty', description: 'A party that signs a praktijkovereenkomst (POK, R8)' });

/** How a signature came about (issue #17). */
export enum PokSignatureWay {
  /** The party signed itself: the company or school through its staff, the student with her own account. */
  OWN = 'OWN',
  /** Her school recorded it for her (she has no active account) or for her guardian (no address known): audited. */
  ON_BEHALF = 'ON_BEHALF',
  /** Her guardian signed through the single-use link e-mailed to the guardian's address. */
  GUARDIAN_LINK = 'GUARDIAN_LINK',
}
registerEnumType(PokSignatureWay, { name: 'PokSignatureWay', description: 'How a POK signature came about: by the party itself, recorded on its behalf by her school, or by the guardian through an e-mailed link' });

/** One party's signature: who recorded it (for a guardian's link, the link's id) and when; absent `way` is OWN (signatures from before issue #17). */
export interface PokSignature {
  userId: string;
  at: string;
  way?: PokSignatureWay;
}

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
  signatures: Partial<Record<PokParty, PokSignature>>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
