import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { MatchRoundEntity } from './match-round.entity';

/**
 * Why a student got what she got in a round: her list up to her match (all of it when unmatched),
 * one array element per choice. Stored as parallel arrays, placements as indexes into the round's
 * `placementIds`, because a national round writes one row for each of 100,000 students.
 */
@Entity('match_explanations')
/** A student's own explanations, newest round first (myMatchExplanation). */
@Index(['studentId'])
export class MatchExplanationEntity {
  @PrimaryColumn({ type: 'uuid' })
  roundId: string;

  @ManyToOne(() => MatchRoundEntity, { onDelete: 'CASCADE' })
  round?: MatchRoundEntity;

  @PrimaryColumn({ type: 'uuid' })
  studentId: string;

  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @Column({ type: 'smallint', nullable: true })
  rank: number | null;

  /** 1-based ranks in her list. */
  @Column({ type: 'smallint', array: true })
  ranks: number[];

  /** MATCHED, FULL_BELOW_CUTOFF, or an Ineligibility reason. */
  @Column({ type: 'text', array: true })
  outcomes: string[];

  /** Index into the round's placementIds; -1 for a placement outside the round (see `outsideRound`). */
  @Column({ type: 'integer', array: true })
  placements: number[];

  /** Her priority there; null where she was not eligible. */
  @Column({ type: 'real', array: true })
  priorities: (number | null)[];

  /** Ids of her choices outside the round, in list order. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  outsideRound: string[];
}
