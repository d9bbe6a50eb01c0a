import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import { Allow } from '../../../common/auth/allow.decorator';
import { Role } from '../../../common/auth/roles';
import { Loader } from '../../../common/graphql/request-loaders';
import { BranchModel } from '../../companies/models/company.model';
import { OrganizationModel } from '../../organizations/models/organization.model';
import type { PlacementEntity } from '../../placements/placement.entity';
import { PlacementModel } from '../../placements/models/placement.model';
import { type PlacementParties, PlacementPartiesLoader, partiesKey } from './placement-parties.loader';

/**
 * A placement's company and branch (public with the placement), both from one batched statement.
 * A student signed in as herself (issue #17) reaches placements only through her own proposals and
 * her own list; she reads these public register facts (the company's name, the branch's city), and
 * none of their further fields, which stay closed to her.
 */
@Resolver(() => PlacementModel)
export class PlacementPartiesResolver {
  @ResolveField(() => OrganizationModel)
  @Allow(Role.AUTHENTICATED, Role.STUDENT)
  async company(@Parent() placement: PlacementEntity, @Loader(PlacementPartiesLoader) loader: DataLoader<string, PlacementParties | null>) {
    return (await loader.load(partiesKey(placement)))?.company ?? null;
  }

  @ResolveField(() => BranchModel)
  @Allow(Role.AUTHENTICATED, Role.STUDENT)
  async branch(@Parent() placement: PlacementEntity, @Loader(PlacementPartiesLoader) loader: DataLoader<string, PlacementParties | null>) {
    return (await loader.load(partiesKey(placement)))?.branch ?? null;
  }
}
