import { Module } from '@nestjs/common';
import { AdverseImpactReads } from './adverse-impact.reads';
import { UnplacedStudentsReads } from './unplaced-students.reads';

/**
 * Reporting's read API for the few modules below it that need a cross-module read model
 * (oversight's audit, the unplaced-student alerts). It imports no module, so they may import it
 * without a cycle; reporting itself imports neither of them.
 */
@Module({
  providers: [AdverseImpactReads, UnplacedStudentsReads],
  exports: [AdverseImpactReads, UnplacedStudentsReads],
})
export class ReportingReadsModule {}
