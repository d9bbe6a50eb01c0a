import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/roles';
import type { EvaluationTrigger } from './placement-compliance';
import type { PlacementEntity } from './placement.entity';
import type { PlacementVerdict } from './placements.repository';

/**
 * What the compliance module (above placements) contributes to a placement's lifecycle: a verdict
 * on the placement as it stands, and the stored history of verdicts. Placements decides what a
 * verdict does to the placement's status.
 */
export interface PlacementJudge {
  /** Judges the placement as it stands in the ambient transaction. Writes nothing. */
  judge(placement: PlacementEntity): Promise<PlacementVerdict>;
  /** The same for many placements at once (a re-evaluation batch), in a bounded number of queries. */
  judgeMany(placements: PlacementEntity[]): Promise<PlacementVerdict[]>;
  /** Stores the verdicts placements applied, in the ambient transaction. */
  record(applied: PlacementVerdict[], trigger: EvaluationTrigger, actor: Actor | null): Promise<void>;
}

/** The judge the compliance module registers at boot (ComplianceService.onModuleInit). */
@Injectable()
export class PlacementJudges {
  private registered: PlacementJudge | null = null;

  register(judge: PlacementJudge): void {
    this.registered = judge;
  }

  get judge(): PlacementJudge {
    if (!this.registered) throw new Error('No placement judge is registered: ComplianceModule registers one at boot');
    return this.registered;
  }
}
