import { Module } from '@nestjs/common';
import { ComplianceReportsService } from './compliance-reports.service';
import { ComplianceReportsResolver, NormSetsResolver, PlacementComplianceResolver } from './compliance.resolver';
import { ComplianceService } from './compliance.service';
import { NormSetsService } from './norm-sets.service';
import { ComplianceEvents } from './compliance.events';

/** The Stagepact compliance engine: norm sets, evaluations at the point of entry, SBB reports. */
@Module({
  providers: [ComplianceEvents, ComplianceService, NormSetsService, ComplianceReportsService, NormSetsResolver, ComplianceReportsResolver, PlacementComplianceResolver],
  exports: [ComplianceService, NormSetsService, ComplianceReportsService],
})
export class ComplianceModule {}
