import { Module } from '@nestjs/common';
import { NormSetsResolver, PlacementComplianceResolver } from './compliance.resolver';
import { ComplianceService } from './compliance.service';
import { NormSetsService } from './norm-sets.service';
import { ComplianceEvents } from './compliance.events';

/** The Stagepact compliance engine: norm sets, evaluations at the point of entry (its SBB reports are in reporting/). */
@Module({
  providers: [ComplianceEvents, ComplianceService, NormSetsService, NormSetsResolver, PlacementComplianceResolver],
  exports: [ComplianceService, NormSetsService],
})
export class ComplianceModule {}
