import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, QueueName } from '../../../queues/queues';
import { type DailyCheck, DailyCheckProvider } from '../../../queues/daily-check';
import { ComplianceService } from '../compliance.service';
import { EvaluationTrigger } from '../compliance-status';
import { NormSetsService } from '../norm-sets.service';

/** Re-evaluates the placements a new norm-set version governs; queues any still owed at start. */
@Processor(QueueName.COMPLIANCE)
export class ComplianceProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly normSets: NormSetsService,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.normSets.enqueuePending();
  }

  async process(job: Job<{ normSetId: string }>): Promise<void> {
    if (job.name !== JobName.REEVALUATE_FOR_NORM_SET) throw new Error(`Unknown compliance job ${job.name}`);
    await this.compliance.reevaluateForNormSet(job.data.normSetId);
  }
}

/**
 * Daily: every live placement is re-evaluated (an accreditation's end date passed, a trainer's
 * refresher expired, a norm-set version took effect); what is now blocked is suspended (R2).
 */
@Injectable()
@DailyCheckProvider({ name: 'reevaluate-compliance', order: 20 })
export class ReevaluateComplianceCheck implements DailyCheck {
  constructor(private readonly compliance: ComplianceService) {}

  async run(): Promise<void> {
    await this.compliance.reevaluate({}, EvaluationTrigger.DAILY);
  }
}
