import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { PlacementsModule } from '../placements/placements.module';
import { NormSetsResolver, PlacementComplianceResolver } from './compliance.resolver';
import { ComplianceRepository } from './compliance.repository';
import { ComplianceService } from './compliance.service';
import { NormSetsService } from './norm-sets.service';
import { TrainerAssignmentResolver } from './trainer-assignment.resolver';
import { StudentsMatchedAt } from './students-matched-at';
import { TrainerAssignmentService } from './trainer-assignment.service';

/**
 * The Stagepact compliance engine: norm sets, evaluations at the point of entry (its SBB reports are in reporting/). It
 * sits above companies and placements: it reads their facts and registers itself as their judge.
 */
@Module({
  imports: [CompaniesModule, PlacementsModule],
  providers: [
    ComplianceRepository,
    ComplianceService,
    NormSetsService,
    NormSetsResolver,
    PlacementComplianceResolver,
    TrainerAssignmentService,
    TrainerAssignmentResolver,
    StudentsMatchedAt,
  ],
  exports: [ComplianceService, NormSetsService, StudentsMatchedAt],
})
export class ComplianceModule {}
