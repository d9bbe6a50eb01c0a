import { PASSWORD_POLICY } from '../../../common/auth/password-policy';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Allow, PeopleOnly, Public } from '../../../common/auth/allow.decorator';
import { CurrentActor, type RequestContext } from '../../../common/auth/request-context';
import { type Actor, Role } from '../../../common/auth/roles';
import { Clock } from '../../../common/clock/clock';
import { ConnectionArgs } from '../../../common/graphql/pagination';
import { AddUserInput } from '../dto/organization.input';
import { AuthPayloadModel } from '../models/user.model';
import { ORGANIZATION_ADMINS } from '../organization-admins';
import type { InvitationEntity } from './invitation.entity';
import { InvitationConnection, InvitationModel, InvitationStatus } from './invitation.model';
import { InvitationsService } from './invitations.service';

@ArgsType()
export class AcceptInvitationArgs {
  @Field({ description: 'The token from the link in the invitation e-mail' })
  @IsString()
  @MaxLength(200)
  token: string;

  @Field({ description: `Her own password. ${PASSWORD_POLICY}` })
  @IsString()
  password: string;
}

@Resolver(() => InvitationModel)
@PeopleOnly()
export class InvitationsResolver {
  constructor(
    private readonly service: InvitationsService,
    private readonly clock: Clock,
  ) {}

  @Mutation(() => InvitationModel, {
    description: 'Organization admins invite a colleague to their own organization: she gets an e-mail (in her language) with a single-use link, valid 7 days, to set her own password. Audited',
  })
  @Allow(...ORGANIZATION_ADMINS)
  inviteUser(@CurrentActor() actor: Actor, @Args('input') input: AddUserInput) {
    return this.service.invite(actor, input);
  }

  @Mutation(() => InvitationModel, {
    description:
      "Sends an open (or expired) invitation again with a new link, valid 7 days; the earlier link stops working. Your organization's invitations; PLATFORM admins also any organization's (a first admin's, see createOrganization)",
  })
  @Allow(...ORGANIZATION_ADMINS)
  resendInvitation(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.resend(actor, id);
  }

  @Mutation(() => InvitationModel, { description: "Its link stops working at once. Your organization's invitations; PLATFORM admins also any organization's" })
  @Allow(...ORGANIZATION_ADMINS)
  revokeInvitation(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.revoke(actor, id);
  }

  @Query(() => InvitationConnection, { description: "Your organization's invitations, newest first (admins)" })
  @Allow(...ORGANIZATION_ADMINS)
  invitations(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs) {
    return this.service.list(actor.organizationId, args);
  }

  @Mutation(() => AuthPayloadModel, {
    description:
      'The invitee sets her password and is signed in. An unknown, forged, used, revoked or expired token is BAD_USER_INPUT on `token` with rule LINK_INVALID (the same for each); a weak password names `password` and its rule',
  })
  @Public()
  async acceptInvitation(@Args() { token, password }: AcceptInvitationArgs, @Context() context: RequestContext) {
    const session = await this.service.accept(token, password);
    context.actor = session.actor;
    context.sessionId = session.sessionId;
    return session;
  }

  @ResolveField(() => InvitationStatus)
  @Allow(...ORGANIZATION_ADMINS, Role.SCHOOL) // a school's staff invite its students (inviteStudent)
  status(@Parent() invitation: InvitationEntity): InvitationStatus {
    if (invitation.acceptedAt) return InvitationStatus.ACCEPTED;
    if (invitation.revokedAt) return InvitationStatus.REVOKED;
    return invitation.expiresAt <= this.clock.now() ? InvitationStatus.EXPIRED : InvitationStatus.OPEN;
  }
}
