import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEmail, IsEnum, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MembershipRole, OrganizationType } from '../../../common/auth/roles';
import { ConnectionArgs } from '../../../common/graphql/pagination';
import { API_ORGANIZATION_TYPES } from '../organization-creation';
import { Sector } from '../sector';

/** Whom an account is for: she sets her own password from the invitation's link (no one sets another's, issue #15). */
@InputType()
export class FirstAdminInput {
  @Field()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field({ nullable: true, defaultValue: 'nl', description: 'Her language, nl or en: of her e-mails (the invitation first) and the API’s messages' })
  @IsOptional()
  @IsIn(['nl', 'en'])
  language?: 'nl' | 'en';
}

/** The roles of an organization's staff: a STUDENT user is made only by `inviteStudent`, for one student. */
export const STAFF_ROLES = [MembershipRole.ADMIN, MembershipRole.STAFF] as const;

/** Whom an admin invites, and with which role. */
@InputType()
export class AddUserInput extends FirstAdminInput {
  @Field(() => MembershipRole, { defaultValue: MembershipRole.STAFF, description: 'ADMIN or STAFF; a school invites a student with inviteStudent' })
  @IsIn(STAFF_ROLES, { message: 'role must be ADMIN or STAFF: a student is invited with inviteStudent' })
  role: MembershipRole;
}

@InputType()
export class CreateOrganizationInput {
  @Field(() => OrganizationType, { description: 'SCHOOL or COMPANY; SBB and PLATFORM organizations are created on the command line only (npm run org:create)' })
  @IsIn(API_ORGANIZATION_TYPES, {
    message: 'type must be SCHOOL or COMPANY: SBB and PLATFORM organizations are created on the command line (npm run org:create), not through the API',
  })
  type: OrganizationType;

  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field({ nullable: true, description: 'Required for a SCHOOL: 2 digits and 2 letters, e.g. 25LJ' })
  @IsOptional()
  @Matches(/^\d{2}[A-Z]{2}$/, { message: 'brinCode must be 2 digits followed by 2 capital letters' })
  brinCode?: string;

  @Field({ nullable: true, description: 'Required for a COMPANY: 8 digits' })
  @IsOptional()
  @Matches(/^\d{8}$/, { message: 'kvkNumber must be exactly 8 digits' })
  kvkNumber?: string;

  @Field(() => Sector, { nullable: true, description: 'Required for a COMPANY' })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field(() => FirstAdminInput, { description: 'The first administrator of the organization: she gets an ADMIN invitation by e-mail and chooses her own password' })
  @ValidateNested()
  @Type(() => FirstAdminInput)
  firstAdmin: FirstAdminInput;
}

@InputType({ description: 'Which organizations' })
export class OrganizationFilter {
  @Field(() => OrganizationType, { nullable: true })
  @IsOptional()
  @IsEnum(OrganizationType)
  type?: OrganizationType;
}

@ArgsType()
export class OrganizationsArgs extends ConnectionArgs {
  @Field(() => OrganizationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganizationFilter)
  filter?: OrganizationFilter;

  @Field(() => OrganizationType, { nullable: true, deprecationReason: 'Use filter; removed in the next release' })
  @IsOptional()
  @IsEnum(OrganizationType)
  type?: OrganizationType;
}

@ArgsType()
export class LoginArgs {
  @Field()
  @IsString()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MaxLength(200)
  password: string;
}
