import { registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum MatchRoundStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(MatchRoundStatus, { name: 'MatchRoundStatus', description: 'QUEUED → RUNNING → COMPLETED or FAILED' });

/** The lowest admitted priority of a full placement: what a student needed to get in. */
export interface Cutoff {
  score: number;
  lottery: number;
}

/**
 * One run of the matcher over the placements of a region whose start date falls in a period. The
 * seed, norm-set version and input hash are stored before it solves, so it can be reproduced.
 */
@Entity('match_rounds')
export class MatchRoundEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A province, or null for the whole country. */
  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  @Column({ type: 'enum', enum: MatchRoundStatus, enumName: 'match_round_status', default: MatchRoundStatus.QUEUED })
  status: MatchRoundStatus;

  /** 32 random bytes (hex) from which every student's lottery number in this round derives. */
  @Column({ type: 'text' })
  lotterySeed: string;

  @Column({ type: 'integer', nullable: true })
  normSetVersion: number | null;

  /** SHA-256 of the solver's input (students, their eligible lists and priorities, seats). */
  @Column({ type: 'text', nullable: true })
  inputHash: string | null;

  @Column({ type: 'integer', default: 0 })
  students: number;

  @Column({ type: 'integer', default: 0 })
  placements: number;

  @Column({ type: 'integer', default: 0 })
  proposals: number;

  @Column({ type: 'integer', default: 0 })
  unmatched: number;

  /** The round's placements in the solver's order; explanations refer to them by index. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  placementIds: string[];

  /** Per placement id: its cutoff, or null when it was not full. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  cutoffs: Record<string, Cutoff | null>;

  /** Seconds per phase (load, eligibility, scoring, solve, persist). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  timings: Record<string, number>;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** How often the round was queued again (after a worker died or by `rerunMatchRound`); part of its job id. */
  @Column({ type: 'integer', default: 0 })
  attempt: number;

  /** Until when the worker running it (or the one that queued it again) vouches for it; renewed while it runs. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
