import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs, OrderByInput, sortFields } from '../../../common/graphql/pagination';
import { AgreementStatus } from '../agreement.entity';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Leerweg } from '../../../common/qualification';
import { IsCrebo, IsLocalDate } from '../../../common/validation/domain-validators';

@InputType()
export class CommitmentInput {
  @Field(() => Int, { description: 'The school year by its first calendar year: 2027 = 2027/28' })
  @IsInt()
  @Min(2020)
  @Max(2100)
  schoolYear: number;

  @Field()
  @IsCrebo()
  crebo: string;

  @Field(() => Leerweg)
  @IsEnum(Leerweg)
  leerweg: Leerweg;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'places must be at least 1' })
  @Max(10_000)
  places: number;
}

@InputType()
export class AgreementTermsInput {
  @Field(() => Int, { description: 'The first school year (2027 = 2027/28); the term starts on 1 August of it' })
  @IsInt()
  @Min(2020)
  @Max(2100)
  firstSchoolYear: number;

  @Field(() => Int, { description: 'Term in school years, 1–4' })
  @IsInt()
  @Min(1, { message: 'years must be 1 to 4' })
  @Max(4, { message: 'an agreement runs at most four school years' })
  years: number;

  @Field(() => [CommitmentInput])
  @ValidateNested({ each: true })
  @ArrayMinSize(1, { message: 'commit places for at least one school year and crebo' })
  @Type(() => CommitmentInput)
  commitments: CommitmentInput[];

  @Field(() => Int, { description: 'School–company contacts per BPV period (R17: at least 3)' })
  @IsInt()
  @Min(3, { message: 'contactsPerPeriod must be at least 3 (R17)', context: { rule: 'R17' } })
  @Max(52)
  contactsPerPeriod: number;

  @Field()
  @IsBoolean()
  trainerTraining: boolean;

  @Field(() => Int, { description: 'Stipend a month at full time; at least the norm (R15)' })
  @IsInt()
  @Min(0)
  minimumStipendMonthlyCents: number;

  @Field()
  @IsBoolean()
  blindMatching: boolean;
}

@InputType()
export class CreateAgreementInput extends AgreementTermsInput {
  @Field(() => ID, { description: 'The other party: a company when you are a school, a school when you are a company' })
  @IsUUID('all', { message: 'counterpartyId must be an id' })
  counterpartyId: string;
}

@InputType()
export class TerminateAgreementInput {
  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;

  @Field(() => LocalDateScalar, { description: 'The day notice was given' })
  @IsLocalDate()
  noticeDate: string;
}

export const AgreementOrderField = sortFields('AgreementOrderField', 'What agreements are sorted by', {
  CREATED_AT: 'When the version was created',
  START_DATE: 'The first day of its term',
  END_DATE: 'The last day of its term',
});
export type AgreementOrderField = keyof typeof AgreementOrderField;
const AgreementOrder = OrderByInput('AgreementOrder', AgreementOrderField);

@InputType({ description: 'Which agreements' })
class AgreementFilter {
  @Field(() => AgreementStatus, { nullable: true })
  @IsOptional()
  @IsEnum(AgreementStatus)
  status?: AgreementStatus;
}

@ArgsType()
export class AgreementsArgs extends ConnectionArgs {
  @Field(() => AgreementFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgreementFilter)
  filter?: AgreementFilter;

  @Field(() => AgreementOrder, { nullable: true, description: 'Default: CREATED_AT DESC, newest first' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgreementOrder)
  orderBy?: InstanceType<typeof AgreementOrder>;

  @Field(() => AgreementStatus, { nullable: true, deprecationReason: 'Use filter: { status }; removed in the next release' })
  @IsOptional()
  @IsEnum(AgreementStatus)
  status?: AgreementStatus;
}

