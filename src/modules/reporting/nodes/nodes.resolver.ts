import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../../common/auth/allow.decorator';
import { CurrentActor } from '../../../common/auth/request-context';
import { type Actor, SIGNED_IN } from '../../../common/auth/roles';
import { NodeInterface } from '../../../common/graphql/node';
import { MAX_PAGE_SIZE } from '../../../common/graphql/pagination';
import { NodesService } from './nodes.service';

@Resolver()
export class NodesResolver {
  constructor(private readonly service: NodesService) {}

  @Query(() => NodeInterface, {
    description:
      "Refetches any object by its id, under the same authorization as its own lookup (student(id), placement(id), …): what you may not see is NOT_FOUND, as an unknown id",
  })
  @Allow(...SIGNED_IN)
  node(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.node(actor, id);
  }

  @Query(() => [NodeInterface], {
    nullable: 'items',
    description: `Refetches up to ${MAX_PAGE_SIZE} objects by id, in the order asked; null for each one you may not see or that does not exist`,
  })
  @Allow(...SIGNED_IN)
  nodes(@CurrentActor() actor: Actor, @Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.service.nodes(actor, ids);
  }
}
