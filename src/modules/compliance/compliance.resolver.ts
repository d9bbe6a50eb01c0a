import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { ConnectionArgs } from '../../common/graphql/pagination';
import { CompaniesPolicy } from '../companies/companies.policy';
import { PlacementModel } from '../placements/models/placement.model';
import type { PlacementEntity } from '../placements/placement.entity';
import { ComplianceService } from './compliance.service';
import { CreateNormSetInput } from './dto/norm-set.input';
import { ComplianceEvaluationConnection, ComplianceFindingModel, NormSetModel, NormsModel } from './models/compliance.model';
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
