import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PostcodesModule } from '../postcodes/postcodes.module';
import { COMPANY_LOADERS } from './companies.loaders';
import { AccreditationsResolver, BranchesResolver, CompanyFieldsResolver, TrainersResolver } from './companies.resolver';
import { CompaniesService } from './companies.service';

@Module({
  imports: [PostcodesModule, OrganizationsModule],
  providers: [CompaniesService, BranchesResolver, AccreditationsResolver, TrainersResolver, CompanyFieldsResolver, ...COMPANY_LOADERS],
  exports: [CompaniesService, ...COMPANY_LOADERS],
})
export class CompaniesModule {}
