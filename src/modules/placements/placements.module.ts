import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PostcodesModule } from '../postcodes/postcodes.module';
import { PlacementsResolver } from './placements.resolver';
import { PlacementsService } from './placements.service';
import { PlacementEvents } from './placements.events';

@Module({
  imports: [CompaniesModule, ComplianceModule, OrganizationsModule, PostcodesModule],
  providers: [PlacementEvents, PlacementsService, PlacementsResolver],
  exports: [PlacementsService],
})
export class PlacementsModule {}
