import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MembershipRole } from '../../../common/auth/roles';

@ObjectType('SsoConfiguration', { description: "An organization's OpenID Connect sign-in; its client secret is never shown" })
export class SsoConfigurationModel {
  @Field(() => ID)
  organizationId: string;

  @Field()
  issuer: string;

  @Field()
  clientId: string;

  @Field(() => [String])
  allowedDomains: string[];

  @Field()
  createUnknownUsers: boolean;

  @Field(() => MembershipRole)
  newUserRole: MembershipRole;

  @Field()
  enabled: boolean;

  @Field({ description: 'Register this redirect URI with the provider: `${PUBLIC_URL}/auth/oidc/callback`' })
  redirectUri: string;

  @Field({ description: 'Where a sign-in button sends the browser: `${PUBLIC_URL}/auth/oidc/<organizationId>/start`' })
  signInUrl: string;

  @Field()
  updatedAt: Date;
}
