import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { COST_WEIGHT } from '../../common/graphql/cost-weights';
import type DataLoader from 'dataloader';
import { Loader } from '../../common/graphql/request-loaders';
import { type AgreementCommitmentEntity, AgreementEntity } from './agreement.entity';
import { CommitmentsByAgreementLoader, VersionsByLineageLoader } from './agreements.loaders';
import { AgreementsService } from './agreements.service';
import { AgreementsArgs, AgreementTermsInput, CreateAgreementInput, TerminateAgreementInput } from './dto/agreement.input';
import { AgreementCommitmentModel, AgreementConnection, AgreementFulfilmentModel, AgreementModel } from './models/agreement.model';

const ID_ARG = { type: () => ID };
const PARTIES = [Role.SCHOOL, Role.COMPANY] as const;
const READERS = [Role.SCHOOL, Role.COMPANY, Role.SBB, Role.PLATFORM] as const;

@Resolver(() => AgreementModel)
export class AgreementsResolver {
  constructor(private readonly service: AgreementsService) {}

  @Query(() => AgreementConnection, { description: 'Your agreements (every version); SBB and the operator see all' })
  @Allow(...READERS)
  agreements(@CurrentActor() actor: Actor, @Args() args: AgreementsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => AgreementModel)
  @Allow(...READERS)
  agreement(@CurrentActor() actor: Actor, @Args('id', ID_ARG) id: string) {
    return this.service.find(actor, id);
  }

  @Mutation(() => AgreementModel, { description: 'School or company admins draft an agreement with the other party (1–4 school years)' })
  @Allow(Role.SCHOOL_ADMIN, Role.COMPANY_ADMIN)
  createAgreement(@CurrentActor() actor: Actor, @Args('input') input: CreateAgreementInput) {
    return this.service.create(actor, input);
  }

  @Mutation(() => AgreementModel, { description: 'DRAFT → PROPOSED: the other party is asked to sign' })
  @Allow(Role.SCHOOL_ADMIN, Role.COMPANY_ADMIN)
  proposeAgreement(@CurrentActor() actor: Actor, @Args('id', ID_ARG) id: string) {
    return this.service.propose(actor, id);
  }

  @Mutation(() => AgreementModel, { description: "Signs for your organization (admins only); with both signatures it is SIGNED, or ACTIVE once its term has begun" })
  @Allow(...PARTIES)
  signAgreement(@CurrentActor() actor: Actor, @Args('id', ID_ARG) id: string) {
    return this.service.sign(actor, id);
  }

  @Mutation(() => AgreementModel, { description: 'A signed agreement never changes: this drafts the next version, which both sign again' })
  @Allow(Role.SCHOOL_ADMIN, Role.COMPANY_ADMIN)
  amendAgreement(@CurrentActor() actor: Actor, @Args('id', ID_ARG) id: string, @Args('input') input: AgreementTermsInput) {
    return this.service.amend(actor, id, input);
  }

  @Mutation(() => AgreementModel, { description: 'ACTIVE → TERMINATED, with a reason and the notice date' })
  @Allow(Role.SCHOOL_ADMIN, Role.COMPANY_ADMIN)
  terminateAgreement(@CurrentActor() actor: Actor, @Args('id', ID_ARG) id: string, @Args('input') input: TerminateAgreementInput) {
    return this.service.terminate(actor, id, input);
  }

  @ResolveField(() => [AgreementCommitmentModel])
  @Allow(...READERS)
  commitments(@Parent() agreement: AgreementEntity, @Loader(CommitmentsByAgreementLoader) loader: DataLoader<string, AgreementCommitmentEntity[]>) {
    return loader.load(agreement.id);
  }

  @ResolveField(() => [AgreementFulfilmentModel], { description: 'Per school year and crebo: committed, offered, started, completed', complexity: COST_WEIGHT.SEARCH })
  @Allow(...READERS)
  async fulfilment(@Parent() agreement: AgreementEntity) {
    return (await this.service.fulfilment(agreement)).map((row) => ({ ...row, places: row.committed }));
  }

  @ResolveField(() => [AgreementModel], { description: 'Every version of this agreement, oldest first' })
  @Allow(...READERS)
  versions(@Parent() agreement: AgreementEntity, @Loader(VersionsByLineageLoader) loader: DataLoader<string, AgreementEntity[]>) {
    return loader.load(agreement.lineageId);
  }
}
