import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, OrganizationType, Role } from '../../common/auth/roles';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { COST_WEIGHT } from '../../common/graphql/cost-weights';
import { ConnectionArgs } from '../../common/graphql/pagination';
import { CompaniesPolicy } from '../companies/companies.policy';
import { PlacementConnection, PlacementModel } from '../placements/models/placement.model';
import type { PlacementEntity } from '../placements/placement.entity';
import { ComplianceReportsService } from './compliance-reports.service';
import { ComplianceService } from './compliance.service';
import { ComplianceOverviewArgs, CompliancePlacementsArgs } from './dto/compliance-report.input';
import { CreateNormSetInput } from './dto/norm-set.input';
import {
  CompanyComplianceProfileModel,
  ComplianceEvaluationConnection,
  ComplianceFindingModel,
  ComplianceOverviewModel,
  InternshipGuidanceFindingModel,
  NormSetModel,
  NormsModel,
} from './models/compliance.model';
import type { NormSetEntity } from './norm-set.entity';
import { NormSetsService } from './norm-sets.service';
import type { Sector } from '../organizations/sector';
import { effectiveSeverities } from './rules';
import type { RuleId, Severity } from './rules/rule';

/** A company's findings are its own, SBB's and the operator's business (FORBIDDEN for anyone else). */
function requireInternals(actor: Actor, companyId: string): void {
  CompaniesPolicy.requireInternals(actor, companyId, "You may not read another company's compliance findings");
}

@Resolver(() => NormSetModel)
export class NormSetsResolver {
  constructor(private readonly service: NormSetsService) {}

  @Query(() => [NormSetModel], { description: 'Every version of the Stagepact norms, newest first (public rules)' })
  @Allow(Role.AUTHENTICATED)
  normSets() {
    return this.service.list();
  }

  @Mutation(() => NormSetModel, {
    description: 'SBB only: a new version from its effective date (after the latest one); figures left out keep their value. Placements it governs are re-evaluated.',
  })
  @Allow(Role.SBB)
  createNormSet(@CurrentActor() actor: Actor, @Args('input') input: CreateNormSetInput) {
    return this.service.create(actor, input);
  }

  @ResolveField(() => NormsModel)
  @Allow(Role.AUTHENTICATED)
  norms(@Parent() { norms }: NormSetEntity): NormsModel {
    return {
      ...norms,
      maxStudentsPerTrainerBySector: Object.entries(norms.maxStudentsPerTrainerBySector).map(([sector, maxStudents]) => ({ sector: sector as Sector, maxStudents: maxStudents! })),
      minimumWage: Object.entries(norms.minimumWageCentsPerHourByAge).map(([age, centsPerHour]) => ({ age: Number(age), centsPerHour })),
      severities: Object.entries(effectiveSeverities(norms.severities)).map(([rule, severity]) => ({ rule: rule as RuleId, severity: severity as Severity })),
    };
  }
}

@Resolver(() => CompanyComplianceProfileModel)
export class ComplianceReportsResolver {
  constructor(
    private readonly reports: ComplianceReportsService,
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

  @ResolveField(() => ComplianceEvaluationConnection, { description: 'Every stored evaluation of its placements, newest first' })
  @Allow(Role.SBB, Role.PLATFORM, Role.COMPANY)
  history(@Parent() { companyId }: CompanyComplianceProfileModel, @Args() page: ConnectionArgs) {
    return this.compliance.history({ companyId }, page);
  }
}

/** The compliance side of a placement. */
@Resolver(() => PlacementModel)
export class PlacementComplianceResolver {
  constructor(private readonly compliance: ComplianceService) {}

  @ResolveField(() => [ComplianceFindingModel], { description: 'The latest findings; the company, SBB and the operator only (FORBIDDEN otherwise)' })
  @Allow(Role.AUTHENTICATED)
  complianceFindings(@CurrentActor() actor: Actor, @Parent() placement: PlacementEntity) {
    requireInternals(actor, placement.companyId);
    return placement.complianceFindings;
  }

  @ResolveField(() => ComplianceEvaluationConnection, { description: 'Every stored evaluation, newest first; the company, SBB and the operator only' })
  @Allow(Role.AUTHENTICATED)
  complianceHistory(@CurrentActor() actor: Actor, @Parent() placement: PlacementEntity, @Args() page: ConnectionArgs) {
    requireInternals(actor, placement.companyId);
    return this.compliance.history({ placementId: placement.id }, page);
  }
}
