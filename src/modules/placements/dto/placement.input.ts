import { ArgsType, Field, ID, InputType, Int, OmitType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Leerweg } from '../../../common/qualification';
import { IsCrebo, IsLocalDate, IsMboLevel, IsPc4, IsRadiusKm } from '../../../common/validation/domain-validators';
import { UpdateInputOf } from '../../../common/validation/update-input';
import { PlacementStatus } from '../placement.entity';

@InputType()
export class CreatePlacementInput {
  @Field(() => ID, { description: 'The vestiging that offers the place' })
  @IsUUID('all', { message: 'branchId must be an id' })
  branchId: string;

  @Field(() => ID, { nullable: true, description: 'The praktijkopleider (R5); required before publishing' })
  @IsOptional()
  @IsUUID('all', { message: 'trainerId must be an id' })
  trainerId?: string | null;

  @Field()
  @IsString()
  @Length(1, 200)
  title: string;

  @Field()
  @IsString()
  @Length(1, 5000)
  description: string;

  @Field(() => [String], { description: 'Qualification codes this place fits, 5 digits each (R4)' })
  @ArrayMinSize(1, { message: 'crebos needs at least one crebo' })
  @ArrayMaxSize(10)
  @ArrayUnique({ message: 'crebos must not repeat a crebo' })
  @IsCrebo({ each: true })
  crebos: string[];

  @Field(() => Int)
  @IsMboLevel()
  level: number;

  @Field(() => Leerweg)
  @IsEnum(Leerweg)
  leerweg: Leerweg;

  @Field(() => [String])
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(120, { each: true, message: 'each werkproces must be at most 120 characters' })
  werkprocessen: string[];

  @Field(() => LocalDateScalar)
  @IsLocalDate()
  startDate: string;

  @Field(() => LocalDateScalar)
  @IsLocalDate()
  endDate: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(6)
  daysPerWeek: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(60)
  hoursPerWeek: number;

  @Field(() => Int, { description: 'Seats; 0 takes nobody for now' })
  @IsInt()
  @Min(0, { message: 'capacity must not be negative' })
  @Max(500)
  capacity: number;

  @Field(() => Int, { description: 'Monthly stipend in euro cents (R15)' })
  @IsInt()
  @Min(0, { message: 'stipendMonthlyCents must not be negative' })
  @Max(1_000_000)
  stipendMonthlyCents: number;

  @Field(() => Int, { description: 'Monthly expense allowance in euro cents (R13)' })
  @IsInt()
  @Min(0, { message: 'expenseAllowanceCents must not be negative' })
  @Max(1_000_000)
  expenseAllowanceCents: number;
}

@InputType()
export class UpdatePlacementInput extends UpdateInputOf(OmitType(CreatePlacementInput, ['branchId'] as const)) {}

@InputType()
export class NearInput {
  @Field({ description: 'PC4 postcode the distance is measured from' })
  @IsPc4()
  postcode: string;

  @Field(() => Int, { description: 'Radius in km, 1–200' })
  @IsRadiusKm()
  radiusKm: number;
}

@InputType()
export class PlacementFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsCrebo()
  crebo?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsMboLevel()
  level?: number;

  @Field(() => Leerweg, { nullable: true })
  @IsOptional()
  @IsEnum(Leerweg)
  leerweg?: Leerweg;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Starts on or after this date' })
  @IsLocalDate()
  @IsOptional()
  startFrom?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Starts on or before this date' })
  @IsLocalDate()
  @IsOptional()
  startTo?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'companyId must be an id' })
  companyId?: string;

  @Field(() => NearInput, { nullable: true, description: 'Only placements within the radius, nearest first' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NearInput)
  near?: NearInput;
}

@ArgsType()
export class PlacementsArgs extends ConnectionArgs {
  @Field(() => PlacementFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlacementFilter)
  filter?: PlacementFilter;
}

@ArgsType()
export class CompanyPlacementsArgs extends ConnectionArgs {
  @Field(() => PlacementStatus, { nullable: true })
  @IsOptional()
  @IsEnum(PlacementStatus)
  status?: PlacementStatus;
}
