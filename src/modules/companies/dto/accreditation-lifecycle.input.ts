import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsCrebo, IsLocalDate } from '../../../common/validation/domain-validators';
import { BranchCreboInput } from './company.input';

@InputType()
export class RefuseAccreditationInput extends BranchCreboInput {
  @Field(() => LocalDateScalar, { description: 'The date of the decision; not in the future. The branch may apply again six months later (R3).' })
  @IsLocalDate()
  refusedOn: string;

  @Field({ description: 'Why SBB refuses (Reglement art. 5), e.g. no praktijkopleider appointed' })
  @IsString()
  @Length(3, 2000)
  reason: string;
}

@InputType()
export class RecordAccreditationReviewInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id: string;

  @Field(() => LocalDateScalar, { description: 'The day SBB reviewed it: not in the future, not before the last review (R3)' })
  @IsLocalDate()
  reviewedOn: string;
}

@InputType()
export class AccreditationRefusalFilter {
  @Field(() => ID, { nullable: true, description: 'SBB: any company; a company: only its own (the default)' })
  @IsOptional()
  @IsUUID('all', { message: 'companyId must be an id' })
  companyId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsCrebo()
  crebo?: string;
}

@ArgsType()
export class AccreditationRefusalsArgs extends ConnectionArgs {
  @Field(() => AccreditationRefusalFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccreditationRefusalFilter)
  filter?: AccreditationRefusalFilter;
}
