import { ArgsType, Field, ID, InputType, Int, OmitType, registerEnumType } from '@nestjs/graphql';
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
import { ConnectionArgs, OrderByInput } from '../../../common/graphql/pagination';
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

  @Field(() => NearInput, { nullable: true, description: 'Only placements within the radius, nearest first (unless orderBy or search says otherwise)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NearInput)
  near?: NearInput;

  @Field({
    nullable: true,
    description:
      'Full-text search in Dutch (stemmed: "verpleegkundige" finds "verpleegkundigen") over the title, description, company name and werkprocessen; words are all required, "quoted phrases" and -excluded words work as in a web search. Ranked: best match first unless orderBy says otherwise',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

export enum PlacementOrderField {
  START_DATE = 'START_DATE',
  PUBLISHED_AT = 'PUBLISHED_AT',
  CREATED_AT = 'CREATED_AT',
  TITLE = 'TITLE',
  STIPEND = 'STIPEND',
  DISTANCE = 'DISTANCE',
  RELEVANCE = 'RELEVANCE',
}
registerEnumType(PlacementOrderField, {
  name: 'PlacementOrderField',
  description: 'What placements are sorted by',
  valuesMap: {
    START_DATE: { description: 'The first day of the placement' },
    PUBLISHED_AT: { description: 'When it was (last) published; drafts sort as never published' },
    CREATED_AT: { description: 'When it was created' },
    TITLE: { description: 'The title, case-insensitively' },
    STIPEND: { description: 'The monthly stipend' },
    DISTANCE: { description: 'Distance from filter.near (placements search only, with near)' },
    RELEVANCE: { description: 'How well it matches filter.search (placements search only, with search); use DESC for best first' },
  },
});

export const PlacementOrder = OrderByInput('PlacementOrder', PlacementOrderField);
export type PlacementOrder = InstanceType<typeof PlacementOrder>;

@ArgsType()
export class PlacementsArgs extends ConnectionArgs {
  @Field(() => PlacementFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlacementFilter)
  filter?: PlacementFilter;

  @Field(() => PlacementOrder, { nullable: true, description: 'Default: RELEVANCE DESC with search, else DISTANCE with near, else START_DATE' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlacementOrder)
  orderBy?: PlacementOrder;
}

@InputType({ description: "Which of your company's placements" })
export class CompanyPlacementFilter {
  @Field(() => PlacementStatus, { nullable: true })
  @IsOptional()
  @IsEnum(PlacementStatus)
  status?: PlacementStatus;
}

@ArgsType()
export class CompanyPlacementsArgs extends ConnectionArgs {
  @Field(() => CompanyPlacementFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CompanyPlacementFilter)
  filter?: CompanyPlacementFilter;

  @Field(() => PlacementOrder, { nullable: true, description: 'Default: START_DATE' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlacementOrder)
  orderBy?: PlacementOrder;

  @Field(() => PlacementStatus, { nullable: true, deprecationReason: 'Use filter: { status }; removed in the next release' })
  @IsOptional()
  @IsEnum(PlacementStatus)
  status?: PlacementStatus;
}
