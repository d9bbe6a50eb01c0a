import { Module } from '@nestjs/common';
import { NormSetsResolver, PlacementComplianceResolver } from './compliance.resolver';
import { ComplianceService } from './compliance.service';
import { NormSetsService } from './norm-sets.service';

/** The Stagepact compliance engine: norm sets, evaluations at the point of entry (its SBB reports are in reporting/). */
@Module({
  providers: [ComplianceService, NormSetsService, NormSetsResolver, PlacementComplianceResolver],
  exports: [ComplianceService, NormSetsService],
})
export class ComplianceModule {}
