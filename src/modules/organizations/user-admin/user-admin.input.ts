import { PASSWORD_POLICY } from '../../../common/auth/password-policy';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { MembershipRole } from '../../../common/auth/roles';

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

  @Field(() => MembershipRole, { nullable: true, description: 'Admins of her organization only; ends her sessions' })
  @IsOptional()
  @IsEnum(MembershipRole)
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
