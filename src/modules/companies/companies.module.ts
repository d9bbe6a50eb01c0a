import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PostcodesModule } from '../postcodes/postcodes.module';
import { COMPANY_LOADERS } from './companies.loaders';
import { AccreditationsResolver, BranchesResolver, CompanyFieldsResolver, TrainersResolver } from './companies.resolver';
import { CompaniesService } from './companies.service';
import { ComplianceModule } from '../compliance/compliance.module';
import { SchoolTasksModule } from '../school-tasks/school-tasks.module';
import { TrainerAssignmentsResolver } from './trainer-assignments.resolver';
import { TrainerAssignmentsService } from './trainer-assignments.service';
import { AccreditationLifecycleResolver, AccreditationRefusalsResolver } from './accreditation-lifecycle.resolver';
import { AccreditationLifecycleService } from './accreditation-lifecycle.service';
import { AccreditationLifecycleCheck } from './jobs/accreditation-lifecycle.check';
import { CompanyEvents } from './companies.events';

@Module({
  imports: [PostcodesModule, OrganizationsModule, ComplianceModule, SchoolTasksModule],
  providers: [
    CompanyEvents,
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
  exports: [CompaniesService, ...COMPANY_LOADERS],
})
export class CompaniesModule {}
