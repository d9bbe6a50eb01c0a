import { Args, Context, Int, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, PeopleOnly } from '../../common/auth/allow.decorator';
import { CurrentActor, type RequestContext } from '../../common/auth/request-context';
import { type Actor, SIGNED_IN } from '../../common/auth/roles';
import { UnauthenticatedError } from '../../common/errors/domain-errors';
import { RevokeSessionsArgs } from './dto/sessions.args';
import { SessionsService } from './sessions.service';

@Resolver()
@PeopleOnly()
export class SessionsResolver {
  constructor(private readonly sessions: SessionsService) {}

  @Mutation(() => Boolean, { description: 'Ends the session of the token sent (and queue dashboard sessions started from it); the token is refused from now on' })
  @Allow(...SIGNED_IN)
  async logout(@Context() context: RequestContext) {
    if (!context.sessionId || !(await this.sessions.revoke(context.sessionId))) throw new UnauthenticatedError();
    return true;
  }

  @Mutation(() => Int, {
    description:
      "Ends every session of a user (all her tokens, this one too when they are yours): your own, or as an organization admin a user of your organization. Returns how many were ended; audited",
  })
  @Allow(...SIGNED_IN)
  revokeSessions(@CurrentActor() actor: Actor, @Args() { userId }: RevokeSessionsArgs) {
    return this.sessions.revokeAllOf(actor, userId);
  }
}
