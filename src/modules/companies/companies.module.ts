import { PreparedQueries } from '../../database/prepared-queries';
import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PostcodesModule } from '../postcodes/postcodes.module';
import { COMPANY_LOADERS } from './companies.loaders';
import { AccreditationsResolver, BranchesResolver, CompanyFieldsResolver, TrainersResolver } from './companies.resolver';
import { CompaniesService } from './companies.service';
import { AccreditationLossHooks, AccreditationUse } from './accreditation-loss';
import { CompaniesFacts } from './companies.facts';
import { CompaniesRepository } from './companies.repository';
import { TrainerAssignmentsResolver } from './trainer-assignments.resolver';
import { TrainerAssignmentsService } from './trainer-assignments.service';
import { AccreditationLifecycleResolver, AccreditationRefusalsResolver } from './accreditation-lifecycle.resolver';
import { AccreditationLifecycleService } from './accreditation-lifecycle.service';
import { AccreditationLifecycleCheck } from './jobs/accreditation-lifecycle.check';
import { CompanyEvents } from './companies.events';

/** Leerbedrijven: branches, accreditations, praktijkopleiders and their assignments. The lowest of companies, placements, compliance. */
@Module({
  imports: [PostcodesModule, OrganizationsModule],
  providers: [
    PreparedQueries,
    CompanyEvents,
    CompaniesRepository,
    CompaniesFacts,
    AccreditationLossHooks,
    AccreditationUse,
    CompaniesService,
    BranchesResolver,
    AccreditationsResolver,
    TrainersResolver,
    CompanyFieldsResolver,
    TrainerAssignmentsService,
    TrainerAssignmentsResolver,
    AccreditationLifecycleService,
    AccreditationLifecycleResolver,
    AccreditationRefusalsResolver,
    AccreditationLifecycleCheck,
    ...COMPANY_LOADERS,
  ],
  exports: [CompaniesService, AccreditationLifecycleService, CompaniesFacts, AccreditationLossHooks, AccreditationUse, TrainerAssignmentsService, ...COMPANY_LOADERS],
})
export class CompaniesModule {}
