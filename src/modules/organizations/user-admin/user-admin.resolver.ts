import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, PeopleOnly } from '../../../common/auth/allow.decorator';
import { CurrentActor, type RequestContext } from '../../../common/auth/request-context';
import { type Actor, SIGNED_IN } from '../../../common/auth/roles';
import { UserModel } from '../models/user.model';
import { ORGANIZATION_ADMINS } from '../organization-admins';
import { ChangePasswordArgs, UpdateUserInput, UserIdArgs } from './user-admin.input';
import { UserAdminService } from './user-admin.service';

@Resolver()
@PeopleOnly()
export class UserAdminResolver {
  constructor(private readonly users: UserAdminService) {}

  @Mutation(() => Boolean, {
    description:
      'Your own password: a wrong current one is BAD_USER_INPUT on `currentPassword` (rule PASSWORD_WRONG) and counts as a failed sign-in; the new one must meet the password policy. Ends every other session of yours',
  })
  @Allow(...SIGNED_IN)
  async changePassword(@CurrentActor() actor: Actor, @Args() { currentPassword, newPassword }: ChangePasswordArgs, @Context() context: RequestContext) {
    await this.users.changePassword(actor, context.sessionId, currentPassword, newPassword, context.req.ip);
    return true;
  }

  @Mutation(() => UserModel, {
    description:
      "Your own name and language, or as an organization admin a colleague's, and her role (ends her sessions). The last active admin cannot be demoted: BAD_USER_INPUT on `input.role`, rule LAST_ACTIVE_ADMIN",
  })
  @Allow(...SIGNED_IN)
  updateUser(@CurrentActor() actor: Actor, @Args('input') input: UpdateUserInput) {
    return this.users.update(actor, input);
  }

  @Mutation(() => UserModel, {
    description:
      'Organization admins: she can no longer sign in and her tokens are refused at once. The last active admin cannot be deactivated: BAD_USER_INPUT on `userId`, rule LAST_ACTIVE_ADMIN',
  })
  @Allow(...ORGANIZATION_ADMINS)
  deactivateUser(@CurrentActor() actor: Actor, @Args() { userId }: UserIdArgs) {
    return this.users.deactivate(actor, userId);
  }

  @Mutation(() => UserModel, { description: 'Organization admins: she may sign in again (her old sessions stay ended)' })
  @Allow(...ORGANIZATION_ADMINS)
  reactivateUser(@CurrentActor() actor: Actor, @Args() { userId }: UserIdArgs) {
    return this.users.reactivate(actor, userId);
  }
}
