import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DeclineReason } from '../../../common/decline-reason';
import { ConnectionArgs, OrderByInput, sortFields } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Leerweg } from '../../../common/qualification';
import { IsCrebo, IsLocalDate, IsMboLevel } from '../../../common/validation/domain-validators';
import { RegistrationStatus } from '../internship-registration.entity';

@InputType({ description: 'A place the student found herself, registered by her school; the company confirms or declines' })
export class RegisterInternshipInput {
  @Field(() => ID, { description: "One of your school's students; a student registering a place herself gives her own id (issue #17)" })
  @IsUUID('all', { message: 'studentId must be an id' })
  studentId: string;

  @Field(() => ID, { description: "The company's vestiging where she works (R1 is judged there)" })
  @IsUUID('all', { message: 'branchId must be an id' })
  branchId: string;

  @Field(() => ID, { nullable: true, description: 'Optionally a published placement of that branch: the internship then takes one of its seats' })
  @IsOptional()
  @IsUUID('all', { message: 'placementId must be an id' })
  placementId?: string | null;

  @Field({ description: '5 digits (R4); R1 asks an accreditation of the branch for it' })
  @IsCrebo()
  crebo: string;

  @Field(() => Int)
  @IsMboLevel()
  level: number;

  @Field(() => Leerweg)
  @IsEnum(Leerweg)
  leerweg: Leerweg;

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

  @Field(() => Int, { description: 'R10–R12' })
  @IsInt()
  @Min(1)
  @Max(60)
  hoursPerWeek: number;

  @Field(() => Int, { description: 'BOL: the monthly stipend (R15); BBL: the monthly wage (R14). Euro cents' })
  @IsInt()
  @Min(0, { message: 'stipendMonthlyCents must not be negative' })
  @Max(1_000_000)
  stipendMonthlyCents: number;

  @Field(() => Int, { nullable: true, description: 'Monthly expense allowance in euro cents (R13; required for BOL)' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'expenseAllowanceCents must not be negative' })
  @Max(1_000_000)
  expenseAllowanceCents?: number;

  @Field({ nullable: true, description: 'BBL: she works under an employment contract (R14); must be true for BBL' })
  @IsOptional()
  @IsBoolean()
  employmentContract?: boolean;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(120, { each: true, message: 'each werkproces must be at most 120 characters' })
  werkprocessen?: string[];

  @Field(() => ID, { nullable: true, description: 'The praktijkopleider, if the school knows; else the company names one on confirmation (R5)' })
  @IsOptional()
  @IsUUID('all', { message: 'trainerId must be an id' })
  trainerId?: string | null;
}

@InputType({ description: "The company's confirmation: the praktijkopleider and any terms it corrects; then the Stagepact rules run" })
export class ConfirmInternshipInput {
  @Field(() => ID, { nullable: true, description: 'The praktijkopleider (R5–R7); required when the school named none' })
  @IsOptional()
  @IsUUID('all', { message: 'trainerId must be an id' })
  trainerId?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  hoursPerWeek?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'stipendMonthlyCents must not be negative' })
  @Max(1_000_000)
  stipendMonthlyCents?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'expenseAllowanceCents must not be negative' })
  @Max(1_000_000)
  expenseAllowanceCents?: number;
}

@InputType({ description: "Her school's no to a place the student registered herself (issue #17); the company never sees it" })
export class RejectInternshipRegistrationInput {
  @Field({ description: 'Why, for her: she reads it with the registration' })
  @IsString()
  @MaxLength(2000)
  @MinLength(1, { message: 'reason must not be empty' })
  reason: string;
}

@InputType()
export class DeclineInternshipInput {
  @Field(() => DeclineReason, { description: 'R21: a job-related reason code, audited and counted by the adverse-impact audit (R23)' })
  @IsEnum(DeclineReason, { message: 'reason must be one of the DeclineReason codes (R21)', context: { rule: 'R21' } })
  reason: DeclineReason;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@InputType({ description: 'Which self-found internship registrations' })
export class InternshipRegistrationFilter {
  @Field(() => RegistrationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(RegistrationStatus)
  status?: RegistrationStatus;
}

export const InternshipRegistrationOrderField = sortFields('InternshipRegistrationOrderField', 'What self-found registrations are sorted by', {
  CREATED_AT: 'When it was registered',
  START_DATE: 'The first day of the internship asked for, then when it was registered',
});
export type InternshipRegistrationOrderField = keyof typeof InternshipRegistrationOrderField;
const InternshipRegistrationOrder = OrderByInput('InternshipRegistrationOrder', InternshipRegistrationOrderField);

@ArgsType()
export class InternshipRegistrationsArgs extends ConnectionArgs {
  @Field(() => InternshipRegistrationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => InternshipRegistrationFilter)
  filter?: InternshipRegistrationFilter;

  @Field(() => InternshipRegistrationOrder, { nullable: true, description: 'Default: CREATED_AT DESC, newest first' })
  @IsOptional()
  @ValidateNested()
  @Type(() => InternshipRegistrationOrder)
  orderBy?: InstanceType<typeof InternshipRegistrationOrder>;

  @Field(() => RegistrationStatus, { nullable: true, deprecationReason: 'Use filter; removed in the next release' })
  @IsOptional()
  @IsEnum(RegistrationStatus)
  status?: RegistrationStatus;
}
