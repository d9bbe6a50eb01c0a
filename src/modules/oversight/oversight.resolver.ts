import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { COST_WEIGHT } from '../../common/graphql/cost-weights';
import { AdverseImpactService } from './adverse-impact.service';
import { AdverseImpactAuditInput } from './dto/adverse-impact.input';
import { ProtectedAttributesInput } from './dto/protected-attributes.input';
import { type DiscriminationReportEntity, ReportStatus } from '../meldpunt/discrimination-report.entity';
import { DiscriminationReportModel } from '../meldpunt/models/discrimination-report.model';
import { AdverseImpactAuditModel, AdverseImpactFlagModel } from './models/adverse-impact.model';
import { ProtectedAttributesService } from './protected-attributes.service';

/** R24: no query returns protected attributes; these mutations answer only true or false. */
@Resolver()
export class ProtectedAttributesResolver {
  constructor(private readonly service: ProtectedAttributesService) {}

  @Mutation(() => Boolean, { description: "School staff record what their student self-reported, with her consent (R24); encrypted, readable by no one" })
  @Allow(Role.SCHOOL)
  recordProtectedAttributes(@CurrentActor() actor: Actor, @Args('studentId', { type: () => ID }) studentId: string, @Args('input') input: ProtectedAttributesInput) {
    return this.service.record(actor, studentId, input);
  }

  @Mutation(() => Boolean, { description: 'Consent withdrawn: the stored answers are deleted (R24); true when there were any' })
  @Allow(Role.SCHOOL)
  withdrawProtectedAttributesConsent(@CurrentActor() actor: Actor, @Args('studentId', { type: () => ID }) studentId: string) {
    return this.service.withdraw(actor, studentId);
  }
}

@Resolver()
export class AdverseImpactResolver {
  constructor(private readonly service: AdverseImpactService) {}

  @Query(() => AdverseImpactAuditModel, {
    description:
      'SBB only (R23): acceptance of proposals by companies per group of one protected ground — impact ratio against the best group (flag below 0.80), ' +
      "Fisher's exact p-value, shortfall, decline reasons and response times; cells under 10 observations or groups under 5% of the sample are suppressed. " +
      'Observations: proposals made in the period that the company accepted, declined or let expire.',
    complexity: COST_WEIGHT.AUDIT,
  })
  @Allow(Role.SBB)
  adverseImpactAudit(@CurrentActor() actor: Actor, @Args('input') input: AdverseImpactAuditInput) {
    return this.service.audit(actor, input);
  }
}

/** The audit's evidence on a meldpunt report (R22): oversight reads the report, the meldpunt knows nothing of the audit. */
@Resolver(() => DiscriminationReportModel)
export class ReportEvidenceResolver {
  constructor(
    private readonly service: AdverseImpactService,
    private readonly clock: Clock,
  ) {}

  @ResolveField(() => [AdverseImpactFlagModel], {
    description:
      'SBB only (R22, R23): the latest adverse-impact flag of the company per ground — as of the sanction once SANCTIONED (the figures that flagged it then), else as of now. ' +
      'A flag is a reason to investigate, never a sanction by itself',
  })
  @Allow(Role.SBB)
  adverseImpactFlags(@Parent() report: DiscriminationReportEntity) {
    // SANCTIONED is final, so the report's last change is the sanction.
    return this.service.flagsOf(report.companyId, report.status === ReportStatus.SANCTIONED ? report.updatedAt : this.clock.now());
  }
}
