import { Field, InputType, Int } from '@nestjs/graphql';
import { IsArray } from 'class-validator';
import { IsOmittable } from '../../../common/validation/update-input';
import { ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsLocalDate } from '../../../common/validation/domain-validators';
import { ContactParticipant, ContactType } from '../contact-moment.entity';
import { Evaluator } from '../evaluation.entity';
import { EarlyCompletionReason, TerminationCode } from '../internship.entity';

@InputType()
export class LogContactMomentInput {
  @Field(() => LocalDateScalar)
  @IsLocalDate()
  date: string;

  @Field(() => ContactType)
  @IsEnum(ContactType)
  type: ContactType;

  @Field({ description: 'At the workplace (R17: at least one per period)' })
  @IsBoolean()
  onSite: boolean;

  @Field(() => [ContactParticipant])
  @IsEnum(ContactParticipant, { each: true })
  @ArrayMinSize(2, { message: 'a contact moment has at least two participants' })
  participants: ContactParticipant[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

@InputType()
export class EvaluationInput {
  @Field(() => Evaluator, { description: 'STUDENT by the student herself (by her school only for a student without an active account, on her behalf), SCHOOL by the school, TRAINER by the company' })
  @IsEnum(Evaluator)
  evaluator: Evaluator;

  @Field(() => Int, { description: '1–10 (R19)' })
  @IsInt()
  @Min(1, { message: 'rating must be 1 to 10 (R19)', context: { rule: 'R19' } })
  @Max(10, { message: 'rating must be 1 to 10 (R19)', context: { rule: 'R19' } })
  rating: number;

  @Field()
  @IsBoolean()
  satisfiedWithSchoolGuidance: boolean;

  @Field()
  @IsBoolean()
  satisfiedWithCompanyGuidance: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comments?: string;
}

@InputType()
export class TerminateInternshipInput {
  @Field(() => TerminationCode, {
    description: 'Why it ends early (required): the terminations report counts the codes; DISCRIMINATION suggests a meldpunt report (R22, `meldpuntSuggested`)',
  })
  @IsEnum(TerminationCode, { message: `code must be one of ${Object.values(TerminationCode).join(', ')}` })
  code: TerminationCode;

  @Field({ nullable: true, description: 'An optional note with the code' })
  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'say why the internship ends early' })
  @MaxLength(2000)
  reason?: string;
}

@InputType()
export class CompleteInternshipInput {
  @Field(() => EarlyCompletionReason, { nullable: true, description: 'Required before the end date; audited' })
  @IsOptional()
  @IsEnum(EarlyCompletionReason)
  earlyCompletionReason?: EarlyCompletionReason;

  @Field({ nullable: true, description: "Required when the approved hours fall short of 90% of the POK's total hours (R10): why; audited" })
  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'say why the approved hours fall short' })
  @MaxLength(2000)
  hoursShortfallReason?: string;
}

@InputType({ description: 'The terms to change; the rest is carried over (R9)' })
export class AmendPokInput {
  @Field(() => LocalDateScalar, { nullable: true })
  @IsOmittable()
  @IsLocalDate()
  endDate?: string;

  @Field(() => Int, { nullable: true })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(60)
  hoursPerWeek?: number;

  @Field({ nullable: true, deprecationReason: 'Refused: name another praktijkopleider with changePraktijkopleider(internshipId, trainerId), which moves her R6 assignment too' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  praktijkopleider?: string;

  @Field(() => [String], { nullable: true })
  @IsOmittable()
  @IsArray()
  @IsString({ each: true })
  werkprocessen?: string[];

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  assessment?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  guidanceFrequency?: string;
}
