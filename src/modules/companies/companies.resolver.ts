import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { Loader } from '../../common/graphql/request-loaders';
import { OrganizationModel } from '../organizations/models/organization.model';
import { OrganizationEntity } from '../organizations/organization.entity';
import { OrganizationLoader } from '../organizations/organization.loader';
import type { AccreditationEntity } from './accreditation.entity';
import type { BranchEntity } from './branch.entity';
import { CompaniesPolicy, seesCompanyInternals } from './companies.policy';
import { CompaniesService } from './companies.service';
import { AccreditationsByBranchLoader, BranchesByCompanyLoader, TrainersByCompanyLoader } from './companies.loaders';
import {
  AccreditationsArgs,
  CreateBranchInput,
  CreateTrainerInput,
  GrantAccreditationInput,
  RevokeAccreditationInput,
  UpdateTrainerInput,
} from './dto/company.input';
import { AccreditationConnection, AccreditationModel, BranchAddressModel, BranchModel, TrainerModel } from './models/company.model';
import type { TrainerEntity } from './trainer.entity';

@Resolver(() => BranchModel)
export class BranchesResolver {
  constructor(private readonly companies: CompaniesService) {}

  @Query(() => BranchModel)
  @Allow(Role.AUTHENTICATED)
  branch(@Args('id', { type: () => ID }) id: string) {
    return this.companies.findBranch(id);
  }

  @Mutation(() => BranchModel, { description: 'Company admins add a vestiging to their own company' })
  @Allow(Role.COMPANY_ADMIN)
  createBranch(@CurrentActor() actor: Actor, @Args('input') input: CreateBranchInput) {
    return this.companies.createBranch(actor, input);
  }

  @ResolveField(() => BranchAddressModel, {
    nullable: true,
    description: 'Null when the address is hidden from the public register and you are not the company or SBB',
  })
  @Allow(Role.AUTHENTICATED)
  address(@CurrentActor() actor: Actor, @Parent() branch: BranchEntity) {
    return CompaniesPolicy.seesAddress(actor, branch) ? branch : null;
  }

  @ResolveField(() => [AccreditationModel])
  @Allow(Role.AUTHENTICATED)
  accreditations(
    @Parent() branch: BranchEntity,
    @Loader(AccreditationsByBranchLoader) loader: DataLoader<string, AccreditationEntity[]>,
  ) {
    return loader.load(branch.id);
  }

  @ResolveField(() => OrganizationModel)
  @Allow(Role.AUTHENTICATED)
  company(@Parent() branch: BranchEntity, @Loader(OrganizationLoader) loader: DataLoader<string, OrganizationEntity | null>) {
    return loader.load(branch.companyId);
  }
}

@Resolver(() => AccreditationModel)
export class AccreditationsResolver {
  constructor(private readonly companies: CompaniesService) {}

  @Query(() => AccreditationConnection, { description: 'The public register of accreditations (erkenningen)' })
  @Allow(Role.AUTHENTICATED)
  accreditations(@Args() args: AccreditationsArgs) {
    return this.companies.listAccreditations(args);
  }

  @Mutation(() => AccreditationModel, { description: 'SBB only (R1)' })
  @Allow(Role.SBB)
  grantAccreditation(@CurrentActor() actor: Actor, @Args('input') input: GrantAccreditationInput) {
    return this.companies.grantAccreditation(actor, input);
  }

  @Mutation(() => AccreditationModel, { description: 'SBB only (R2)' })
  @Allow(Role.SBB)
  revokeAccreditation(@CurrentActor() actor: Actor, @Args('input') input: RevokeAccreditationInput) {
    return this.companies.revokeAccreditation(actor, input);
  }
}

@Resolver(() => TrainerModel)
export class TrainersResolver {
  constructor(private readonly companies: CompaniesService) {}

  @Query(() => TrainerModel, { description: 'A praktijkopleider: her own company, SBB and the operator; anyone else gets NOT_FOUND' })
  @Allow(Role.AUTHENTICATED)
  trainer(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.companies.findTrainer(actor, id);
  }

  @Mutation(() => TrainerModel, { description: 'Company admins register a praktijkopleider (R5–R7 data)' })
  @Allow(Role.COMPANY_ADMIN)
  createTrainer(@CurrentActor() actor: Actor, @Args('input') input: CreateTrainerInput) {
    return this.companies.createTrainer(actor, input);
  }

  @Mutation(() => TrainerModel)
  @Allow(Role.COMPANY_ADMIN)
  updateTrainer(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateTrainerInput,
  ) {
    return this.companies.updateTrainer(actor, id, input);
  }
}

/** The company side of an organization: its branches (public) and its trainers (internal). */
@Resolver(() => OrganizationModel)
export class CompanyFieldsResolver {
  @ResolveField(() => [BranchModel])
  @Allow(Role.AUTHENTICATED)
  branches(
    @Parent() organization: OrganizationEntity,
    @Loader(BranchesByCompanyLoader) loader: DataLoader<string, BranchEntity[]>,
  ) {
    return loader.load(organization.id);
  }

  @ResolveField(() => [TrainerModel], { nullable: true, description: 'Null unless you are this company, SBB or the operator' })
  @Allow(Role.AUTHENTICATED)
  trainers(
    @CurrentActor() actor: Actor,
    @Parent() organization: OrganizationEntity,
    @Loader(TrainersByCompanyLoader) loader: DataLoader<string, TrainerEntity[]>,
  ) {
    return seesCompanyInternals(actor, organization.id) ? loader.load(organization.id) : null;
  }
}
