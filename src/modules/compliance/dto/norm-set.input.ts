import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsNumber, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsLocalDate } from '../../../common/validation/domain-validators';
import { IsOmittable } from '../../../common/validation/update-input';
import { Sector } from '../../organizations/sector';
import { SeverityEnum } from '../models/compliance.model';
import { RULES } from '../rules';
import type { RuleId, Severity } from '../rules/rule';

const RULE_IDS = RULES.map((rule) => rule.id);

/** A non-negative figure; the rule it feeds is named in the error. */
const Amount = (rule: string, integer = true) => [
  integer ? IsInt({ message: '$property must be a whole number', context: { rule } }) : IsNumber({}, { message: '$property must be a number', context: { rule } }),
  Min(0, { message: '$property must not be negative', context: { rule } }),
];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((decorate) => decorate(target, key));

@InputType()
export class SectorTrainerLimitInput {
  @Field(() => Sector)
  @IsEnum(Sector)
  sector: Sector;

  @Field(() => Int)
  @IsInt({ context: { rule: 'R6' } })
  @Min(1, { message: 'maxStudents must be at least 1', context: { rule: 'R6' } })
  @Max(50, { message: 'maxStudents must be at most 50', context: { rule: 'R6' } })
  maxStudents: number;
}

@InputType()
export class AgeWageInput {
  @Field(() => Int)
  @IsInt()
  @Min(13, { message: 'age must be at least 13', context: { rule: 'R14' } })
  @Max(30, { message: 'age must be at most 30', context: { rule: 'R14' } })
  age: number;

  @Field(() => Int)
  @apply(Amount('R14'))
  centsPerHour: number;
}

@InputType()
export class RuleSeverityInput {
  @Field(() => String, { description: `One of ${RULE_IDS.join(', ')}` })
  @IsIn(RULE_IDS, { message: `rule must be one of the rules the engine knows: ${RULE_IDS.join(', ')}` })
  rule: RuleId;

  @Field(() => SeverityEnum)
  @IsIn(Object.values(SeverityEnum))
  severity: Severity;
}

/** The figures of a new version; a figure left out keeps its value from the latest version. */
@InputType()
export class NormsInput {
  @Field(() => Int, { nullable: true }) @IsOmittable() @apply(Amount('R15')) stipendFloorCentsPerMonth?: number;
  @Field(() => Int, { nullable: true }) @IsOmittable() @apply(Amount('R15')) @Min(1, { message: 'fullTimeHoursPerWeek must be at least 1', context: { rule: 'R15' } }) fullTimeHoursPerWeek?: number;
  @Field(() => Int, { nullable: true }) @IsOmittable() @apply(Amount('R12')) bolMaxHoursPerWeek?: number;
  @Field(() => Int, { nullable: true }) @IsOmittable() @apply(Amount('R12')) bolWarnAboveHoursPerWeek?: number;
  @Field(() => Float, { nullable: true }) @IsOmittable() @apply(Amount('R11', false)) minorMaxHoursPerDay?: number;
  @Field(() => Float, { nullable: true }) @IsOmittable() @apply(Amount('R11', false)) minorMaxHoursPerWeek?: number;
  @Field(() => Float, { nullable: true }) @IsOmittable() @apply(Amount('R11', false)) minorMaxAverageHoursPerWeek?: number;
  @Field(() => Float, { nullable: true }) @IsOmittable() @apply(Amount('R11', false)) adultMaxHoursPerDay?: number;
  @Field(() => Float, { nullable: true }) @IsOmittable() @apply(Amount('R11', false)) adultMaxHoursPerWeek?: number;
  @Field(() => Int, { nullable: true }) @IsOmittable() @apply(Amount('R6')) @Min(1, { message: 'maxStudentsPerTrainer must be at least 1', context: { rule: 'R6' } }) maxStudentsPerTrainer?: number;
  @Field(() => Int, { nullable: true }) @IsOmittable() @apply(Amount('R10')) bblMinimumBpvHoursPerYear?: number;
  @Field(() => Int, { nullable: true }) @IsOmittable() @apply(Amount('R10')) @Min(1, { message: 'weeksPerStudyYear must be at least 1', context: { rule: 'R10' } }) weeksPerStudyYear?: number;

  @Field(() => [SectorTrainerLimitInput], { nullable: true, description: 'Replaces the per-sector limits (R6)' })
  @IsOmittable()
  @ValidateNested({ each: true })
  @Type(() => SectorTrainerLimitInput)
  maxStudentsPerTrainerBySector?: SectorTrainerLimitInput[];

  @Field(() => [AgeWageInput], { nullable: true, description: 'Replaces the minimum-wage table (R14)' })
  @IsOmittable()
  @ValidateNested({ each: true })
  @Type(() => AgeWageInput)
  minimumWage?: AgeWageInput[];

  @Field(() => [RuleSeverityInput], { nullable: true, description: 'Changes the severity of the rules listed' })
  @IsOmittable()
  @ValidateNested({ each: true })
  @Type(() => RuleSeverityInput)
  severities?: RuleSeverityInput[];
}

@InputType()
export class CreateNormSetInput {
  @Field(() => LocalDateScalar, { description: 'After the latest version’s effective date: versions never overlap' })
  @IsLocalDate()
  effectiveFrom: string;

  @Field({ description: 'Why this version, e.g. "Minimum wage from 1 July 2027"' })
  @IsString()
  @MinLength(3, { message: 'note must say why this version exists (at least 3 characters)' })
  @MaxLength(500)
  note: string;

  @Field(() => NormsInput)
  @ValidateNested()
  @Type(() => NormsInput)
  norms: NormsInput;
}
