import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs, OrderByInput, sortFields } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsLocalDate } from '../../../common/validation/domain-validators';
import { DeclineReason, ProposalStatus } from '../proposal.entity';

@ArgsType()
export class SetMyPreferencesArgs {
  @Field(() => [ID], { description: 'Best first; at most MATCH_MAX_PREFERENCES (default 20); an empty list clears it' })
  @IsArray()
  @IsUUID('all', { each: true, message: 'each placement id must be an id' })
  placementIds: string[];

  @Field({ nullable: true, description: 'Fill the list up to the limit with eligible placements, best fit then nearest, marked suggested' })
  @IsOptional()
  @IsBoolean()
  completeWithSuggestions?: boolean;
}

@ArgsType()
export class SetPreferencesArgs extends SetMyPreferencesArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'studentId must be an id' })
  studentId: string;
}

@InputType()
export class OpenMatchRoundInput {
  @Field(() => String, { nullable: true, description: 'A province (of the branch postcode); all of the country when left out' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  region?: string;

  @Field(() => LocalDateScalar, { description: 'Placements starting on or after' })
  @IsLocalDate()
  periodFrom: string;

  @Field(() => LocalDateScalar, { description: 'Placements starting on or before' })
  @IsLocalDate()
  periodTo: string;
}

@InputType({ description: 'Which proposals' })
export class ProposalFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'placementId must be an id' })
  placementId?: string;

  @Field(() => ID, { nullable: true, description: 'Schools only, for their own students; a company is FORBIDDEN to use it (R20)' })
  @IsOptional()
  @IsUUID('all', { message: 'studentId must be an id' })
  studentId?: string;

  @Field(() => ProposalStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ProposalStatus)
  status?: ProposalStatus;
}

export const ProposalOrderField = sortFields('ProposalOrderField', 'What proposals are sorted by', {
  CREATED_AT: 'When the match round made it',
  EXPIRES_AT: 'When it expires unanswered',
  RANK: "Its place on the student's list (1 = her first choice)",
});
const ProposalOrder = OrderByInput('ProposalOrder', ProposalOrderField);

const LOOSE = 'Use filter; removed in the next release';

@ArgsType()
export class ProposalsArgs extends ConnectionArgs {
  @Field(() => ProposalFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProposalFilter)
  filter?: ProposalFilter;

  @Field(() => ProposalOrder, { nullable: true, description: 'Default: CREATED_AT DESC, newest first' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProposalOrder)
  orderBy?: InstanceType<typeof ProposalOrder>;

  @Field(() => ID, { nullable: true, deprecationReason: `${LOOSE} (filter: { placementId })` })
  @IsOptional()
  @IsUUID('all', { message: 'placementId must be an id' })
  placementId?: string;

  @Field(() => ID, { nullable: true, description: 'Schools only, for their own students; a company is FORBIDDEN to use it (R20)', deprecationReason: `${LOOSE} (filter: { studentId })` })
  @IsOptional()
  @IsUUID('all', { message: 'studentId must be an id' })
  studentId?: string;

  @Field(() => ProposalStatus, { nullable: true, deprecationReason: `${LOOSE} (filter: { status })` })
  @IsOptional()
  @IsEnum(ProposalStatus)
  status?: ProposalStatus;
}

@InputType()
export class AnswerProposalInput {
  @Field()
  @IsBoolean()
  accept: boolean;

  @Field(() => DeclineReason, { nullable: true, description: 'R21: required when a company declines; required too when the student declines herself; not given by a school on her behalf' })
  @IsOptional()
  @IsEnum(DeclineReason, { message: 'declineReason must be one of the DeclineReason codes (R21)', context: { rule: 'R21' } })
  declineReason?: DeclineReason;
}
