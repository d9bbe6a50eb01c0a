import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { MembershipRole } from '../../../common/auth/roles';

@InputType()
export class ConfigureSsoInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'organizationId must be an organization id' })
  organizationId: string;

  @Field({
    description:
      "The provider's Issuer Identifier, e.g. https://connect.surfconext.nl (its discovery document is read from `<issuer>/.well-known/openid-configuration`); https in production",
  })
  @IsString()
  @Length(1, 500)
  issuer: string;

  @Field({ description: 'The client id the provider registered for Stagematch' })
  @IsString()
  @Length(1, 255)
  clientId: string;

  @Field({ nullable: true, description: 'Required the first time; omitted, the stored one is kept. Stored encrypted and never shown again' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  clientSecret?: string;

  @Field(() => [String], { description: 'E-mail domains that may sign in, e.g. ["roc-example.nl"]; only exact domains, no subdomains' })
  @ArrayMinSize(1, { message: 'allowedDomains must name at least one domain' })
  @ArrayMaxSize(50)
  @Matches(/^(?=.{1,253}$)(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/, {
    each: true,
    message: 'allowedDomains must be domain names such as roc-example.nl',
  })
  allowedDomains: string[];

  @Field({ defaultValue: false, description: 'Whether a verified address of an allowed domain without an account gets one at her first sign-in' })
  @IsBoolean()
  createUnknownUsers: boolean;

  @Field(() => MembershipRole, { defaultValue: MembershipRole.STAFF, description: 'The role of a user created at her first sign-in' })
  @IsEnum(MembershipRole)
  newUserRole: MembershipRole;

  @Field({ defaultValue: true, description: 'false: sign-in through this provider is refused, the configuration kept' })
  @IsBoolean()
  enabled: boolean;
}

@ArgsType()
export class SsoOrganizationArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'organizationId must be an organization id' })
  organizationId: string;
}

@ArgsType()
export class CompleteSsoSignInArgs {
  @Field({ description: 'The one-time code from the fragment of the address single sign-on returned to (`#code=…`)' })
  @IsString()
  @Length(1, 200)
  code: string;
}
