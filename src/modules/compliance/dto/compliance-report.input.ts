import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsCrebo, IsLocalDate } from '../../../common/validation/domain-validators';
import { Sector } from '../../organizations/sector';
import { ComplianceStatus } from '../compliance-status';

@InputType()
export class ComplianceOverviewFilter {
  @Field(() => Sector, { nullable: true })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field({ nullable: true })
  @IsOptional()
  @IsCrebo()
  crebo?: string;

  @Field({ nullable: true, description: 'A province, e.g. "Utrecht" (of the branch postcode)' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  region?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'companyId must be an id' })
  companyId?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Placements starting on or after' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Placements starting on or before' })
  @IsOptional()
  @IsLocalDate()
  to?: string;
}

@ArgsType()
export class CompliancePlacementsArgs extends ConnectionArgs {
  @Field(() => ComplianceStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ComplianceStatus)
  complianceStatus?: ComplianceStatus;
}

@ArgsType()
export class ComplianceOverviewArgs {
  @Field(() => ComplianceOverviewFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplianceOverviewFilter)
  filter?: ComplianceOverviewFilter;
}
