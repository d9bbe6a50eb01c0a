import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsCrebo, IsLocalDate } from '../../../common/validation/domain-validators';
import { Sector } from '../../organizations/sector';
import { AuditGround } from '../protected-attributes.entity';

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
}
