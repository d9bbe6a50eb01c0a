import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsString, Length } from 'class-validator';
import { MembershipRole } from '../../../common/auth/roles';

@InputType()
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for (e.g. "Eduarte import"); unique in your organization, its uses are audited under it' })
  @IsString()
  @Length(1, 100)
  name: string;

  @Field(() => MembershipRole, { defaultValue: MembershipRole.STAFF, description: 'What it may do as your organization; even ADMIN cannot manage users, invitations, sessions or keys' })
  @IsEnum(MembershipRole)
  role: MembershipRole;
}
