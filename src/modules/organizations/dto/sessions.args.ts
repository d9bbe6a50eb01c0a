import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';

@ArgsType()
export class RevokeSessionsArgs {
  @Field(() => ID, { nullable: true, description: 'Whose sessions to end: yourself when left out; an admin may name a user of her organization' })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a user id' })
  userId?: string;
}
