import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, PeopleOnly, Public } from '../../common/auth/allow.decorator';
import { CurrentActor, type RequestContext } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { UnauthenticatedError } from '../../common/errors/domain-errors';
import { AuthPayloadModel } from '../organizations/models/user.model';
import { CompleteSsoSignInArgs, ConfigureSsoInput, SsoOrganizationArgs } from './dto/sso.input';
import { SsoConfigurationModel } from './models/sso-configuration.model';
import { OidcSignIn, SSO_CODE_TTL_SECONDS } from './oidc-sign-in.service';
import { SsoService } from './sso.service';

/** Sign-in is configured by people signed in themselves, never by an API key. */
const MANAGERS = [Role.SCHOOL_ADMIN, Role.COMPANY_ADMIN, Role.SBB_ADMIN, Role.PLATFORM_ADMIN];

@Resolver(() => SsoConfigurationModel)
export class SsoResolver {
  constructor(
    private readonly sso: SsoService,
    private readonly signIn: OidcSignIn,
  ) {}

  @Query(() => SsoConfigurationModel, { nullable: true, description: "An organization's single sign-on (null: none): its own admins and PLATFORM admins only" })
  @Allow(...MANAGERS)
  @PeopleOnly()
  ssoConfiguration(@CurrentActor() actor: Actor, @Args() { organizationId }: SsoOrganizationArgs) {
    return this.sso.find(actor, organizationId);
  }

  @Mutation(() => SsoConfigurationModel, {
    description: "Sets an organization's OpenID Connect sign-in (its own admins and PLATFORM admins only); audited, the client secret never shown again",
  })
  @Allow(...MANAGERS)
  @PeopleOnly()
  configureSso(@CurrentActor() actor: Actor, @Args('input') input: ConfigureSsoInput) {
    return this.sso.configure(actor, input);
  }

  @Mutation(() => Boolean, { description: "Removes an organization's single sign-on; false when it had none. Audited" })
  @Allow(...MANAGERS)
  @PeopleOnly()
  removeSsoConfiguration(@CurrentActor() actor: Actor, @Args() { organizationId }: SsoOrganizationArgs) {
    return this.sso.remove(actor, organizationId);
  }

  @ResolveField(() => ID, { description: "The organization's id (one configuration per organization), so a client cache keys on it" })
  @Allow(...MANAGERS)
  id(@Parent() configuration: SsoConfigurationModel): string {
    return configuration.organizationId;
  }

  @Mutation(() => AuthPayloadModel, {
    description: `Ends a single sign-on: the one-time code from \`#code=\` of the front-end address it returned to becomes a session, as \`login\` gives. Once, within ${SSO_CODE_TTL_SECONDS} seconds; otherwise UNAUTHENTICATED`,
  })
  @Public()
  async completeSsoSignIn(@Args() { code }: CompleteSsoSignInArgs, @Context() context: RequestContext) {
    const session = await this.signIn.complete(code);
    if (!session) throw new UnauthenticatedError('The sign-in code is unknown, was used already or has expired; sign in again');
    context.actor = session.actor;
    context.sessionId = session.sessionId;
    return session;
  }
}
