import { ComplianceModule } from '../compliance/compliance.module';
import { MatchingContributions } from './matching.contributions';
import { CompaniesModule } from '../companies/companies.module';
import { ProposalWithdrawal } from './proposal-withdrawal';
import { Module } from '@nestjs/common';
import { InternshipsModule } from '../internships/internships.module';
import { StudentsModule } from '../students/students.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { BlindCandidateLoader, ExplanationLoader, PlacementByIdLoader } from './matching.loaders';
import { MatchingResolver, ProposalFieldsResolver, StudentPreferenceFieldsResolver, StudentPreferenceListFieldsResolver } from './matching.resolver';
import { MatchRoundsService } from './match-rounds.service';
import { PreferencesService } from './preferences.service';
import { ProposalsService } from './proposals.service';
import { MatchingEvents } from './matching.events';
import { MatchingRepository } from './matching.repository';

/** Blind stable matching: preferences, rounds, proposals and answers (R20, R21). */
@Module({
  imports: [CompaniesModule, ComplianceModule, InternshipsModule, OrganizationsModule, StudentsModule],
  providers: [MatchingEvents, MatchingRepository, MatchingContributions, ProposalWithdrawal, PreferencesService, MatchRoundsService, ProposalsService, MatchingResolver, ProposalFieldsResolver, StudentPreferenceFieldsResolver, StudentPreferenceListFieldsResolver, BlindCandidateLoader, ExplanationLoader, PlacementByIdLoader],
  exports: [MatchRoundsService, ProposalsService],
})
export class MatchingModule {}
