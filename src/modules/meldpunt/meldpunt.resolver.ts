import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { ConnectionArgs } from '../../common/graphql/pagination';
import { Loader } from '../../common/graphql/request-loaders';
import { OrganizationModel } from '../organizations/models/organization.model';
import type { OrganizationEntity } from '../organizations/organization.entity';
import { OrganizationLoader } from '../organizations/organization.loader';
import type { DiscriminationReportEntity, ReportTransitionEntity } from './discrimination-report.entity';
import { DiscriminationReportsArgs, FileDiscriminationReportInput, FileMyDiscriminationReportInput, ReportStepArgs, ResolutionArgs, SanctionInput } from './dto/discrimination-report.input';
import { TransitionsByReportLoader } from './meldpunt.loaders';
import { MeldpuntService } from './meldpunt.service';
import { DiscriminationReportConnection, DiscriminationReportModel, ReportTransitionModel } from './models/discrimination-report.model';

const ID_ARG = { type: () => ID };
/** R22: the reporting school and SBB; companies (and the operator) never reach a report. */
const READERS = [Role.SCHOOL, Role.SBB] as const;

@Resolver(() => DiscriminationReportModel)
export class MeldpuntResolver {
  constructor(private readonly service: MeldpuntService) {}

  @Query(() => DiscriminationReportConnection, { description: "R22: SBB reads every report, a school its own; companies are refused" })
  @Allow(...READERS)
  discriminationReports(@CurrentActor() actor: Actor, @Args() args: DiscriminationReportsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => DiscriminationReportModel, { description: "R22: another school's report is NOT_FOUND, as an unknown id; companies and the operator are FORBIDDEN" })
  @Allow(...READERS)
  discriminationReport(@CurrentActor() actor: Actor, @Args('id', ID_ARG) id: string) {
    return this.service.find(actor, id);
  }

  @Mutation(() => DiscriminationReportModel, {
    description: 'R22: school staff file a report (for a student, or for the school) about a company, optionally one placement or internship of it → RECEIVED',
  })
  @Allow(Role.SCHOOL)
  fileDiscriminationReport(@CurrentActor() actor: Actor, @Args('input') input: FileDiscriminationReportInput) {
    return this.service.file(actor, input);
  }

  @Mutation(() => DiscriminationReportModel, {
    description:
      "R22, issue #17: a student files a report herself, about a company (optionally a placement, or her own internship there) → RECEIVED. Her school's meldpunt takes it up and gets an AFTERCARE task for her; the company never learns who filed it unless shareIdentityWithCompany",
  })
  @Allow(Role.STUDENT)
  fileMyDiscriminationReport(@CurrentActor() actor: Actor, @Args('input') input: FileMyDiscriminationReportInput) {
    return this.service.fileForHerself(actor, input);
  }

  @Query(() => DiscriminationReportConnection, { description: 'R22, issue #17: the reports a student filed herself and their status, newest first' })
  @Allow(Role.STUDENT)
  myDiscriminationReports(@CurrentActor() actor: Actor, @Args() page: ConnectionArgs) {
    return this.service.filedByHerself(actor, page);
  }

  @Mutation(() => DiscriminationReportModel, { description: 'R22: RECEIVED → INVESTIGATING, by the reporting school' })
  @Allow(Role.SCHOOL)
  investigateDiscriminationReport(@CurrentActor() actor: Actor, @Args() { id, note }: ReportStepArgs) {
    return this.service.investigate(actor, id, note);
  }

  @Mutation(() => DiscriminationReportModel, { description: 'R22: INVESTIGATING → ESCALATED_TO_SBB, by the reporting school; SBB is notified' })
  @Allow(Role.SCHOOL)
  escalateDiscriminationReport(@CurrentActor() actor: Actor, @Args() { id, note }: ReportStepArgs) {
    return this.service.escalate(actor, id, note);
  }

  @Mutation(() => DiscriminationReportModel, {
    description: 'R22: → RESOLVED with a resolution note: the reporting school from INVESTIGATING, or SBB dismissing it from ESCALATED_TO_SBB',
  })
  @Allow(Role.SCHOOL, Role.SBB)
  resolveDiscriminationReport(@CurrentActor() actor: Actor, @Args() { id, note }: ResolutionArgs) {
    return this.service.resolve(actor, id, note);
  }

  @Mutation(() => DiscriminationReportModel, {
    description: 'R22, SBB only: ESCALATED_TO_SBB → SANCTIONED. WARNING tells the company (not who reported); REVOCATION revokes every active accreditation of the company (R2 cascade)',
  })
  @Allow(Role.SBB)
  sanctionDiscriminationReport(@CurrentActor() actor: Actor, @Args('id', ID_ARG) id: string, @Args('input') input: SanctionInput) {
    return this.service.sanction(actor, id, input);
  }

  @ResolveField(() => OrganizationModel, { description: 'The company reported' })
  @Allow(...READERS, Role.STUDENT)
  company(@Parent() report: DiscriminationReportEntity, @Loader(OrganizationLoader) loader: DataLoader<string, OrganizationEntity | null>) {
    return loader.load(report.companyId);
  }

  @ResolveField(() => [ReportTransitionModel], { description: 'Every step, oldest first (R22)' })
  @Allow(...READERS)
  transitions(@Parent() report: DiscriminationReportEntity, @Loader(TransitionsByReportLoader) loader: DataLoader<string, ReportTransitionEntity[]>) {
    return loader.load(report.id);
  }
}
