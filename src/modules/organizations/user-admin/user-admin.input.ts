import { PASSWORD_POLICY } from '../../../common/auth/password-policy';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { MembershipRole } from '../../../common/auth/roles';
import { STAFF_ROLES } from '../dto/organization.input';

@InputType()
export class UpdateUserInput {
  @Field(() => ID, { nullable: true, description: 'Whose account; yours when left out' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true, description: 'Her language, nl or en: of her e-mails and the API’s messages' })
  @IsOptional()
  @IsIn(['nl', 'en'])
  language?: 'nl' | 'en';

  @Field(() => MembershipRole, { nullable: true, description: "Admins of her organization only; ends her sessions. ADMIN or STAFF: a student's account keeps STUDENT" })
  @IsOptional()
  @IsIn(STAFF_ROLES, { message: 'role must be ADMIN or STAFF: a student is invited with inviteStudent' })
  role?: MembershipRole;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @Field({ description: `Her new password. ${PASSWORD_POLICY}` })
  @IsString()
  newPassword: string;
}

@ArgsType()
export class UserIdArgs {
  @Field(() => ID)
  @IsUUID()
  userId: string;
}
