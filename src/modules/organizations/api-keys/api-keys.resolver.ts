import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, PeopleOnly } from '../../../common/auth/allow.decorator';
import { CurrentActor } from '../../../common/auth/request-context';
import type { Actor } from '../../../common/auth/roles';
import { ConnectionArgs } from '../../../common/graphql/pagination';
import { ORGANIZATION_ADMINS } from '../organization-admins';
import { ApiKeyConnection, ApiKeyModel, CreatedApiKeyModel } from './api-key.model';
import { CreateApiKeyInput } from './api-keys.input';
import { ApiKeysService } from './api-keys.service';

@Resolver(() => ApiKeyModel)
@PeopleOnly()
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Mutation(() => CreatedApiKeyModel, {
    description: 'Organization admins: a key for a system, acting as your organization with the role given. Its secret is in this answer only. Audited',
  })
  @Allow(...ORGANIZATION_ADMINS)
  createApiKey(@CurrentActor() actor: Actor, @Args('input') input: CreateApiKeyInput) {
    return this.keys.create(actor, input);
  }

  @Mutation(() => ApiKeyModel, { description: 'The key is refused from the next request on' })
  @Allow(...ORGANIZATION_ADMINS)
  revokeApiKey(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.keys.revoke(actor, id);
  }

  @Query(() => ApiKeyConnection, { description: "Your organization's API keys (admins)" })
  @Allow(...ORGANIZATION_ADMINS)
  apiKeys(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs) {
    return this.keys.list(actor, args);
  }
}
