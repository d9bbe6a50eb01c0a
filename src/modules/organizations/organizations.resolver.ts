import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import { Allow, PeopleOnly, Public } from '../../common/auth/allow.decorator';
import { CurrentActor, type RequestContext } from '../../common/auth/request-context';
import { type Actor, hasRole, Role, SIGNED_IN } from '../../common/auth/roles';
import { ForbiddenError, UnauthenticatedError } from '../../common/errors/domain-errors';
import { ConnectionArgs } from '../../common/graphql/pagination';
import { Loader } from '../../common/graphql/request-loaders';
import { AuthService } from './auth.service';
import { InvitationConnection } from './invitations/invitation.model';
import { InvitationsService } from './invitations/invitations.service';
import { CreateOrganizationInput, LoginArgs, OrganizationsArgs } from './dto/organization.input';
import { ORGANIZATION_ADMINS } from './organization-admins';
import { OrganizationEntity } from './organization.entity';
import { OrganizationLoader } from './organization.loader';
import { OrganizationsService } from './organizations.service';
import { OrganizationConnection, OrganizationModel } from './models/organization.model';
import { AuthPayloadModel, UserConnection, UserModel } from './models/user.model';
import type { UserEntity } from './user.entity';

/** An organization's accounts are for its own admins and PLATFORM admins. */
function assertAdministers(actor: Actor, organization: OrganizationEntity): void {
  if (actor.organizationId !== organization.id && !hasRole(actor, Role.PLATFORM_ADMIN)) throw new ForbiddenError();
}

@Resolver(() => OrganizationModel)
export class OrganizationsResolver {
  constructor(
    private readonly service: OrganizationsService,
    private readonly invitationsService: InvitationsService,
  ) {}

  @Query(() => OrganizationModel, { description: 'Public facts of any organization (name, type, sector)' })
  @Allow(Role.AUTHENTICATED)
  organization(@Args('id', { type: () => ID }) id: string) {
    return this.service.findOrganization(id);
  }

  @Query(() => OrganizationConnection)
  @Allow(Role.AUTHENTICATED)
  organizations(@Args() args: OrganizationsArgs) {
    return this.service.listOrganizations(args);
  }

  @Mutation(() => OrganizationModel, {
    description:
      "PLATFORM admins only: a new school or company, at once, and an ADMIN invitation for its first admin: she gets the invitation e-mail (as from inviteUser, in her language) with a single-use link, valid 7 days, and chooses her own password when she accepts it (acceptInvitation). The invitation is in the organization's `invitations`; re-send or revoke it with resendInvitation / revokeInvitation. Audited",
  })
  @Allow(Role.PLATFORM_ADMIN)
  @PeopleOnly()
  createOrganization(@CurrentActor() actor: Actor, @Args('input') input: CreateOrganizationInput) {
    return this.invitationsService.createOrganization(actor, input);
  }

  @ResolveField(() => UserConnection, { description: "The organization's users: its own admins and PLATFORM admins only" })
  @Allow(...ORGANIZATION_ADMINS)
  @PeopleOnly()
  users(@CurrentActor() actor: Actor, @Parent() organization: OrganizationEntity, @Args() args: ConnectionArgs) {
    assertAdministers(actor, organization);
    return this.service.listUsers(organization.id, args);
  }

  @ResolveField(() => InvitationConnection, { description: "The organization's invitations, newest first: its own admins and PLATFORM admins only" })
  @Allow(...ORGANIZATION_ADMINS)
  @PeopleOnly()
  invitations(@CurrentActor() actor: Actor, @Parent() organization: OrganizationEntity, @Args() args: ConnectionArgs) {
    assertAdministers(actor, organization);
    return this.invitationsService.list(organization.id, args);
  }
}

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayloadModel, {
    description:
      'A bearer token for a new session. An unknown e-mail and a wrong password get the same UNAUTHENTICATED; past LOGIN_MAX_FAILURES_PER_ACCOUNT failures for the e-mail (or LOGIN_MAX_FAILURES_PER_IP from the address) within LOGIN_FAILURE_WINDOW_SECONDS every attempt is RATE_LIMITED, with `extensions.retryAfterSeconds`, until that many seconds have passed',
  })
  @Public()
  async login(@Args() { email, password }: LoginArgs, @Context() context: RequestContext) {
    const session = await this.auth.login(email, password, context.req.ip);
    context.actor = session.actor; // fields of the answer resolve as the user who just signed in
    context.sessionId = session.sessionId;
    return session;
  }

  @Query(() => UserModel, { description: 'The signed-in user' })
  @Allow(...SIGNED_IN)
  @PeopleOnly()
  me(@Context() { user }: RequestContext, @Loader(OrganizationLoader) organizations: DataLoader<string, OrganizationEntity | null>) {
    // Read with this request's session check (a person's request always has one): no statement of its own.
    if (!user) throw new UnauthenticatedError();
    organizations.prime(user.organizationId, user.organization);
    return user;
  }

  @ResolveField(() => OrganizationModel, { description: 'Her organization: for a student, her school' })
  @Allow(...SIGNED_IN)
  organization(@Parent() user: UserEntity, @Loader(OrganizationLoader) loader: DataLoader<string, OrganizationEntity | null>) {
    return loader.load(user.organizationId);
  }
}
