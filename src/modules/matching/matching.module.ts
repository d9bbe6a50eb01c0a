import { Module } from '@nestjs/common';
import { InternshipsModule } from '../internships/internships.module';
import { StudentsModule } from '../students/students.module';
import { BlindCandidateLoader, PlacementByIdLoader } from './matching.loaders';
import { MatchingResolver, ProposalFieldsResolver } from './matching.resolver';
import { MatchRoundsService } from './match-rounds.service';
import { PreferencesService } from './preferences.service';
import { ProposalsService } from './proposals.service';
import { MatchingEvents, MatchingSchoolLinks } from './matching.events';

/** Blind stable matching: preferences, rounds, proposals and answers (R20, R21). */
@Module({
  imports: [InternshipsModule, StudentsModule],
  providers: [MatchingEvents, MatchingSchoolLinks, PreferencesService, MatchRoundsService, ProposalsService, MatchingResolver, ProposalFieldsResolver, BlindCandidateLoader, PlacementByIdLoader],
  exports: [MatchRoundsService, ProposalsService],
})
export class MatchingModule {}
