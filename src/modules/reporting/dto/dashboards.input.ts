import { ArgsType, Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs, OrderByInput } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsCrebo, IsLocalDate } from '../../../common/validation/domain-validators';
import { Sector } from '../../organizations/sector';


@InputType({ description: 'Narrows a dashboard; every field is optional' })
export class DashboardFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsCrebo()
  crebo?: string;

  @Field({ nullable: true, description: 'A province, e.g. "Utrecht": of the branch postcode for places, of the home postcode for students' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  region?: string;

  @Field(() => Sector, { nullable: true })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;
}

@ArgsType()
export class PlaceSupplyArgs {
  @Field(() => DashboardFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DashboardFilter)
  filter?: DashboardFilter;
}

export enum UnplacedStudentOrderField {
  START_DATE = 'START_DATE',
  CREBO = 'CREBO',
  REGION = 'REGION',
}
registerEnumType(UnplacedStudentOrderField, {
  name: 'UnplacedStudentOrderField',
  description: 'What the page of unplaced students is sorted by',
  valuesMap: {
    START_DATE: { description: 'Her BPV start (availableFrom), so also the days left' },
    CREBO: { description: 'Her crebo' },
    REGION: { description: 'The province of her home postcode' },
  },
});
export const UnplacedStudentOrder = OrderByInput('UnplacedStudentOrder', UnplacedStudentOrderField);
export type UnplacedStudentOrder = InstanceType<typeof UnplacedStudentOrder>;

@ArgsType()
export class StudentsWithoutPlacementArgs extends ConnectionArgs {
  @Field(() => UnplacedStudentOrder, { nullable: true, description: 'Default: START_DATE, soonest first' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UnplacedStudentOrder)
  orderBy?: UnplacedStudentOrder;

  @Field(() => Int, { nullable: true, description: 'Look this many weeks ahead, 1–52 (default UNPLACED_ALERT_WEEKS)' })
  @IsOptional()
  @IsInt({ message: 'weeks must be a whole number' })
  @Min(1, { message: 'weeks must be between 1 and 52' })
  @Max(52, { message: 'weeks must be between 1 and 52' })
  weeks?: number;
}

@InputType({ description: 'A period of termination dates (both ends included, at most five years) and the usual narrowing' })
export class TerminationsFilter extends DashboardFilter {
  @Field(() => LocalDateScalar)
  @IsLocalDate()
  from: string;

  @Field(() => LocalDateScalar)
  @IsLocalDate()
  to: string;
}

@ArgsType()
export class TerminationsReportArgs {
  @Field(() => TerminationsFilter)
  @ValidateNested()
  @Type(() => TerminationsFilter)
  filter: TerminationsFilter;
}
