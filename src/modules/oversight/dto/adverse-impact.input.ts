import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsCrebo, IsLocalDate } from '../../../common/validation/domain-validators';
import { Sector } from '../../organizations/sector';
import { AuditGround } from '../protected-attributes.entity';
import { DEFAULT_FALSE_DISCOVERY_RATE } from '../statistics';

@InputType({ description: 'R23: one ground, a period of proposals, and any combination of scopes (none = national)' })
export class AdverseImpactAuditInput {
  @Field(() => AuditGround)
  @IsEnum(AuditGround)
  ground: AuditGround;

  @Field(() => LocalDateScalar, { description: 'Proposals made on or after this day (Dutch time)' })
  @IsLocalDate()
  from: string;

  @Field(() => LocalDateScalar, { description: 'Proposals made on or before this day; at most five years after `from`' })
  @IsLocalDate()
  to: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'companyId must be an id' })
  companyId?: string;

  @Field(() => Sector, { nullable: true })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field({ nullable: true, description: "The students' crebo" })
  @IsOptional()
  @IsCrebo()
  crebo?: string;

  @Field({ nullable: true, description: "A province, e.g. \"Utrecht\" (of the placement's branch)" })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  region?: string;

  @Field(() => ID, { nullable: true, description: "The students' school" })
  @IsOptional()
  @IsUUID('all', { message: 'schoolId must be an id' })
  schoolId?: string;

  @Field(() => Float, {
    defaultValue: DEFAULT_FALSE_DISCOVERY_RATE,
    description: 'The false discovery rate q (0.001–0.2) for the Benjamini–Hochberg correction of the per-company tests',
  })
  @IsNumber({}, { message: 'falseDiscoveryRate must be a number' })
  @Min(0.001, { message: 'falseDiscoveryRate must be at least 0.001', context: { rule: 'R23' } })
  @Max(0.2, { message: 'falseDiscoveryRate must be at most 0.2', context: { rule: 'R23' } })
  falseDiscoveryRate: number = DEFAULT_FALSE_DISCOVERY_RATE;
}
