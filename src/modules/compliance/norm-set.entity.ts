import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Norms } from './norms';

/**
 * One version of the Stagepact norms. Versions are never edited: SBB adds a new one, which is in
 * force from its effective date until the next version's. A placement is judged by the version in
 * force on its start date.
 */
@Entity('norm_sets')
export class NormSetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'integer', unique: true })
  version: number;

  @Column({ type: 'date', unique: true })
  effectiveFrom: string;

  @Column({ type: 'jsonb' })
  norms: Norms;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Set once the placements this version governs were re-evaluated; null means the worker still owes it. */
  @Column({ type: 'timestamptz', nullable: true })
  reevaluatedAt: Date | null;
}
