import { Module } from '@nestjs/common';
import { ComplianceReportsService } from './compliance-reports.service';
import { ComplianceReportsResolver, NormSetsResolver, PlacementComplianceResolver } from './compliance.resolver';
import { ComplianceService } from './compliance.service';
import { NormSetsService } from './norm-sets.service';

/** The Stagepact compliance engine: norm sets, evaluations at the point of entry, SBB reports. */
@Module({
  providers: [ComplianceService, NormSetsService, ComplianceReportsService, NormSetsResolver, ComplianceReportsResolver, PlacementComplianceResolver],
  exports: [ComplianceService, NormSetsService, ComplianceReportsService],
})
export class ComplianceModule {}
