import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { PlacementsModule } from '../placements/placements.module';
import { ComplianceReportsService } from './compliance-reports.service';
import { ComplianceReportsResolver, NormSetsResolver, PlacementComplianceResolver } from './compliance.resolver';
import { ComplianceService } from './compliance.service';
import { NormSetsService } from './norm-sets.service';
import { TrainerAssignmentResolver } from './trainer-assignment.resolver';
import { TrainerAssignmentService } from './trainer-assignment.service';

/**
 * The Stagepact compliance engine: norm sets, evaluations at the point of entry, SBB reports. It
 * sits above companies and placements: it reads their facts and registers itself as their judge.
 */
@Module({
  imports: [CompaniesModule, PlacementsModule],
  providers: [
    ComplianceService,
    NormSetsService,
    ComplianceReportsService,
    NormSetsResolver,
    ComplianceReportsResolver,
    PlacementComplianceResolver,
    TrainerAssignmentService,
    TrainerAssignmentResolver,
  ],
  exports: [ComplianceService, NormSetsService, ComplianceReportsService],
})
export class ComplianceModule {}
