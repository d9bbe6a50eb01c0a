import { Module } from '@nestjs/common';
import { PlacementImports } from './placement-import';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { CompaniesModule } from '../companies/companies.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PostcodesModule } from '../postcodes/postcodes.module';
import { PlacementSeats } from './placement-seats';
import { PlacementJudges } from './placement-judge';
import { PlacementsFacts } from './placements.facts';
import { PlacementsRepository } from './placements.repository';
import { PlacementsResolver } from './placements.resolver';
import { PlacementsService } from './placements.service';
import { PlacementEvents } from './placements.events';

/** Placements decide their own status; the compliance module (above) registers the judge it asks. */
@Module({
  imports: [CompaniesModule, OrganizationsModule, PostcodesModule, QualificationsModule],
  providers: [PlacementEvents, PlacementsService, PlacementsResolver, PlacementsRepository, PlacementsFacts, PlacementJudges, PlacementSeats, PlacementImports],
  exports: [PlacementsService, PlacementImports, PlacementsFacts, PlacementJudges, PlacementSeats],
})
export class PlacementsModule {}
