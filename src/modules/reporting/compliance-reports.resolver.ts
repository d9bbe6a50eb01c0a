import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, OrganizationType, Role } from '../../common/auth/roles';
import { BadUserInputError, ForbiddenError } from '../../common/errors/domain-errors';
import { COST_WEIGHT } from '../../common/graphql/cost-weights';
import { ConnectionArgs } from '../../common/graphql/pagination';
import { seesCompanyInternals } from '../companies/companies.service';
import { ComplianceService } from '../compliance/compliance.service';
import { ComplianceOverviewArgs, CompliancePlacementsArgs } from '../compliance/dto/compliance-report.input';
import {
  CompanyComplianceProfileModel,
  ComplianceEvaluationConnection,
  ComplianceOverviewModel,
  InternshipGuidanceFindingModel,
  InternshipHoursFindingModel,
} from '../compliance/models/compliance.model';
import { PlacementConnection } from '../placements/models/placement.model';
import { ComplianceReports } from './compliance-reports.reads';

/** A company's findings are its own, SBB's and the operator's business (FORBIDDEN for anyone else). */
function requireInternals(actor: Actor, companyId: string): void {
  if (!seesCompanyInternals(actor, companyId)) throw new ForbiddenError("You may not read another company's compliance findings");
}

/** SBB's compliance overview and a company's compliance profile: reads over placements, internships and companies. */
@Resolver(() => CompanyComplianceProfileModel)
export class ComplianceReportsResolver {
  constructor(
    private readonly reports: ComplianceReports,
    private readonly compliance: ComplianceService,
  ) {}

  @Query(() => ComplianceOverviewModel, {
    description: 'SBB only: placements (all but drafts) by compliance status, rule, stipend (R15) and trainer load (R6)',
    complexity: COST_WEIGHT.REPORT,
  })
  @Allow(Role.SBB)
  complianceOverview(@Args() { filter }: ComplianceOverviewArgs) {
    return this.reports.overview(filter);
  }

  @Query(() => CompanyComplianceProfileModel, {
    description: "A company's compliance profile: SBB and the operator name the company; a company reads its own (companyId may be left out)",
  })
  @Allow(Role.SBB, Role.PLATFORM, Role.COMPANY)
  companyCompliance(
    @CurrentActor() actor: Actor,
    @Args('companyId', { type: () => ID, nullable: true }) companyId?: string,
  ): CompanyComplianceProfileModel {
    const id = companyId ?? (actor.organizationType === OrganizationType.COMPANY ? actor.organizationId : undefined);
    if (!id) throw BadUserInputError.field('companyId', 'name the company whose profile you want');
    requireInternals(actor, id);
    return { companyId: id } as CompanyComplianceProfileModel;
  }

  @ResolveField(() => ComplianceOverviewModel, { complexity: COST_WEIGHT.REPORT })
  @Allow(Role.SBB, Role.PLATFORM, Role.COMPANY)
  overview(@Parent() { companyId }: CompanyComplianceProfileModel) {
    return this.reports.overview({ companyId });
  }

  @ResolveField(() => PlacementConnection, { description: 'Its placements (all but drafts), suspended and blocked first' })
  @Allow(Role.SBB, Role.PLATFORM, Role.COMPANY)
  placements(@Parent() { companyId }: CompanyComplianceProfileModel, @Args() args: CompliancePlacementsArgs) {
    return this.reports.companyPlacements(companyId, args);
  }

  @ResolveField(() => [InternshipGuidanceFindingModel], { description: 'Its internships whose BPV period is over with R17 findings', complexity: COST_WEIGHT.SEARCH })
  @Allow(Role.SBB, Role.PLATFORM, Role.COMPANY)
  guidanceFindings(@Parent() { companyId }: CompanyComplianceProfileModel) {
    return this.reports.guidanceFindings(companyId);
  }

  @ResolveField(() => [InternshipHoursFindingModel], {
    description: 'Its internships whose logged hours have compliance findings: R8 (above the POK), R10, R11 (working-time limits, under 18 too), R12 (issue #17)',
    complexity: COST_WEIGHT.SEARCH,
  })
  @Allow(Role.SBB, Role.PLATFORM, Role.COMPANY)
  hoursFindings(@Parent() { companyId }: CompanyComplianceProfileModel) {
    return this.reports.hoursFindings(companyId);
  }

  @ResolveField(() => ComplianceEvaluationConnection, { description: 'Every stored evaluation of its placements, newest first' })
  @Allow(Role.SBB, Role.PLATFORM, Role.COMPANY)
  history(@Parent() { companyId }: CompanyComplianceProfileModel, @Args() page: ConnectionArgs) {
    return this.compliance.history({ companyId }, page);
  }
}
