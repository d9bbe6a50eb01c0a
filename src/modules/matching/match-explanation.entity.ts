import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { MatchRoundEntity } from './match-round.entity';

export interface ExplainedChoice {
  placementId: string;
  rank: number;
  outcome: string;
  message: string;
  priority: number | null;
  cutoff: number | null;
}

/** Stored with the round's results: why a student got what she got. */
@Entity('match_explanations')
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

  @Column({ type: 'jsonb' })
  choices: ExplainedChoice[];
}
