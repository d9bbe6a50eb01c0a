import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { COST_WEIGHT } from '../../common/graphql/cost-weights';
import { Loader } from '../../common/graphql/request-loaders';
import { TrainerLoader } from '../companies/companies.loaders';
import { PlacementsPolicy } from './placements.policy';
import { TrainerModel } from '../companies/models/company.model';
import type { TrainerEntity } from '../companies/trainer.entity';
import { CompanyPlacementsArgs, CreatePlacementInput, PlacementsArgs, UpdatePlacementInput } from './dto/placement.input';
import { PlacementConnection, PlacementModel, PublishPlacementResult, UpdatePlacementResult } from './models/placement.model';
import type { PlacementEntity } from './placement.entity';
import { PlacementsService } from './placements.service';

const PLACEMENT_ID = { type: () => ID };

@Resolver(() => PlacementModel)
export class PlacementsResolver {
  constructor(private readonly service: PlacementsService) {}

  @Query(() => PlacementConnection, {
    description: 'Search published placements; `near` orders by distance. Open to a student signed in as herself too (issue #17), to choose her preferences',
    complexity: COST_WEIGHT.SEARCH,
  })
  @Allow(Role.AUTHENTICATED, Role.STUDENT)
  placements(@Args() args: PlacementsArgs) {
    return this.service.search(args);
  }

  @Query(() => PlacementConnection, { description: "Your company's placements in every status" })
  @Allow(Role.COMPANY)
  companyPlacements(@CurrentActor() actor: Actor, @Args() args: CompanyPlacementsArgs) {
    return this.service.listOwn(actor, args);
  }

  @Query(() => PlacementModel, { description: 'A published placement (public, a student signed in as herself too), or any of your own company; anything else NOT_FOUND' })
  @Allow(Role.AUTHENTICATED, Role.STUDENT)
  placement(@CurrentActor() actor: Actor, @Args('id', PLACEMENT_ID) id: string) {
    return this.service.findVisible(actor, id);
  }

  @Mutation(() => PlacementModel, { description: 'A new DRAFT placement at one of your branches' })
  @Allow(Role.COMPANY)
  createPlacement(@CurrentActor() actor: Actor, @Args('input') input: CreatePlacementInput) {
    return this.service.create(actor, input);
  }

  @Mutation(() => UpdatePlacementResult, { description: 'Re-evaluates the placement; a published one cannot be edited into BLOCK findings' })
  @Allow(Role.COMPANY)
  updatePlacement(@CurrentActor() actor: Actor, @Args('id', PLACEMENT_ID) id: string, @Args('input') input: UpdatePlacementInput) {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => PublishPlacementResult, {
    description: 'DRAFT or SUSPENDED → PUBLISHED unless a Stagepact rule (R1, R4–R7, R10–R16) has a BLOCK finding; WARN findings are stored and shown',
  })
  @Allow(Role.COMPANY)
  publishPlacement(@CurrentActor() actor: Actor, @Args('id', PLACEMENT_ID) id: string) {
    return this.service.publish(actor, id);
  }

  @Mutation(() => PlacementModel, { description: '→ CLOSED' })
  @Allow(Role.COMPANY)
  closePlacement(@CurrentActor() actor: Actor, @Args('id', PLACEMENT_ID) id: string) {
    return this.service.close(actor, id);
  }

  @ResolveField(() => TrainerModel, { nullable: true, description: 'Null unless you are this company, SBB or the operator' })
  @Allow(Role.AUTHENTICATED)
  trainer(
    @CurrentActor() actor: Actor,
    @Parent() placement: PlacementEntity,
    @Loader(TrainerLoader) loader: DataLoader<string, TrainerEntity | null>,
  ) {
    return placement.trainerId && PlacementsPolicy.seesInternals(actor, placement) ? loader.load(placement.trainerId) : null;
  }
}
