import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsCrebo, IsLocalDate } from '../../../common/validation/domain-validators';
import { UpdateInputOf } from '../../../common/validation/update-input';
import { AccreditationStatus } from '../accreditation.entity';

@InputType()
export class CreateBranchInput {
  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field()
  @IsString()
  @Length(1, 200)
  street: string;

  @Field()
  @IsString()
  @Length(1, 20)
  houseNumber: string;

  @Field({ description: 'Dutch postcode, e.g. 3511 AB' })
  @Matches(/^[1-9]\d{3} ?[A-Z]{2}$/i, { message: 'postcode must be a Dutch postcode such as 3511 AB' })
  postcode: string;

  @Field()
  @IsString()
  @Length(1, 100)
  city: string;

  @Field({ defaultValue: false, description: 'Hide the address from the public register (e.g. a shelter)' })
  @IsBoolean()
  addressHidden: boolean;
}

/** A branch and a crebo: what an accreditation decision is about. */
@InputType({ isAbstract: true })
export class BranchCreboInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'branchId must be an id' })
  branchId: string;

  @Field({ description: 'Qualification code, 5 digits (R4)' })
  @IsCrebo()
  crebo: string;
}

@InputType()
export class GrantAccreditationInput extends BranchCreboInput {
  @Field(() => LocalDateScalar)
  @IsLocalDate()
  grantedOn: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsLocalDate()
  @IsOptional()
  validUntil?: string | null;
}

@InputType()
export class RevokeAccreditationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id: string;

  @Field({ description: 'Why SBB revokes it (Reglement art. 8), e.g. discrimination or unsafe work' })
  @IsString()
  @Length(3, 2000)
  reason: string;
}

@InputType()
export class CreateTrainerInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'branchId must be an id' })
  branchId?: string | null;

  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => Int, { description: 'Highest education level: 1–4 MBO, 5 HBO, 6 WO (R7)' })
  @IsInt()
  @Min(1)
  @Max(6)
  qualificationLevel: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(60)
  yearsOfExperience: number;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsLocalDate()
  @IsOptional()
  courseCompletedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsLocalDate()
  @IsOptional()
  refresherCompletedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsLocalDate()
  @IsOptional()
  sectorTrainingCompletedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsLocalDate()
  @IsOptional()
  sectorTrainingDeadline?: string | null;
}

@InputType()
export class UpdateTrainerInput extends UpdateInputOf(CreateTrainerInput) {}

@InputType()
export class AccreditationFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'companyId must be an id' })
  companyId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsCrebo()
  crebo?: string;

  @Field(() => AccreditationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(AccreditationStatus)
  status?: AccreditationStatus;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Only ACTIVE accreditations whose four-yearly review (R3) falls due before this date (exclusive), overdue ones included',
  })
  @IsOptional()
  @IsLocalDate()
  reviewDueBefore?: string;
}

@ArgsType()
export class AccreditationsArgs extends ConnectionArgs {
  @Field(() => AccreditationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccreditationFilter)
  filter?: AccreditationFilter;
}
