import { ArgsType, Field, ID, InputType, OmitType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { ConnectionArgs, OrderByInput, sortFields } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsLocalDate } from '../../../common/validation/domain-validators';
import { DiscriminationGround, ReportStatus, Sanction } from '../discrimination-report.entity';

const R22 = { context: { rule: 'R22' } };

@InputType()
export class FileDiscriminationReportInput {
  @Field(() => ID, { description: 'The company (leerbedrijf) reported' })
  @IsUUID('all', { message: 'companyId must be an id', ...R22 })
  companyId: string;

  @Field(() => ID, { nullable: true, description: 'Narrows the report to one placement of that company' })
  @IsOptional()
  @IsUUID('all', { message: 'placementId must be an id', ...R22 })
  placementId?: string;

  @Field(() => ID, { nullable: true, description: "Narrows it to an internship of your student at that company (her student and placement are then taken from it)" })
  @IsOptional()
  @IsUUID('all', { message: 'internshipId must be an id', ...R22 })
  internshipId?: string;

  @Field(() => ID, { nullable: true, description: 'Your own student it concerns; she gets an AFTERCARE task. Never shown to the company' })
  @IsOptional()
  @IsUUID('all', { message: 'studentId must be an id', ...R22 })
  studentId?: string;

  @Field(() => DiscriminationGround)
  @IsEnum(DiscriminationGround, { message: 'ground must be one of the AWGB grounds or OTHER (R22)', ...R22 })
  ground: DiscriminationGround;

  @Field({ description: 'What happened, 10–5000 characters' })
  @IsString(R22)
  @Length(10, 5000, { message: 'description must be 10 to 5000 characters (R22)', ...R22 })
  @Matches(/\S/, { message: 'description must not be blank (R22)', ...R22 })
  description: string;

  @Field(() => LocalDateScalar, { description: 'When it happened; not in the future' })
  @IsLocalDate()
  incidentDate: string;
}

/** R22, issue #17: what a student files herself; the report is about her (her school gets the AFTERCARE task). */
@InputType({ description: 'R22: a discrimination report a student files herself, about a company (optionally a placement, or her own internship there)' })
export class FileMyDiscriminationReportInput extends OmitType(FileDiscriminationReportInput, ['studentId', 'internshipId'] as const, InputType) {
  @Field(() => ID, { nullable: true, description: 'Narrows it to your own internship at that company (its placement is then taken from it)' })
  @IsOptional()
  @IsUUID('all', { message: 'internshipId must be an id', ...R22 })
  internshipId?: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'R22: whether the company may learn that you filed it (a warning SBB gives it then names you). Default false: nothing the company receives names you',
  })
  @IsOptional()
  @IsBoolean({ message: 'shareIdentityWithCompany must be true or false', ...R22 })
  shareIdentityWithCompany?: boolean;
}

@InputType()
export class DiscriminationReportFilter {
  @Field(() => ReportStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ReportStatus)
  status?: ReportStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'companyId must be an id' })
  companyId?: string;
}

export const DiscriminationReportOrderField = sortFields('DiscriminationReportOrderField', 'What discrimination reports are sorted by', {
  CREATED_AT: 'When it was filed',
  UPDATED_AT: 'When it last took a step',
  INCIDENT_DATE: 'When the incident happened, then when it was filed',
  STATUS: 'Its status in the R22 flow (RECEIVED first ascending), then when it was filed',
});
export type DiscriminationReportOrderField = keyof typeof DiscriminationReportOrderField;
const DiscriminationReportOrder = OrderByInput('DiscriminationReportOrder', DiscriminationReportOrderField);

@ArgsType()
export class DiscriminationReportsArgs extends ConnectionArgs {
  @Field(() => DiscriminationReportFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DiscriminationReportFilter)
  filter?: DiscriminationReportFilter;

  @Field(() => DiscriminationReportOrder, { nullable: true, description: 'Default: CREATED_AT DESC, newest first' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DiscriminationReportOrder)
  orderBy?: InstanceType<typeof DiscriminationReportOrder>;
}

@ArgsType()
export class ReportStepArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Kept in the report history' })
  @IsOptional()
  @IsString()
  @Length(1, 2000, { message: 'note must be 1 to 2000 characters' })
  note?: string;
}

@ArgsType()
export class ResolutionArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id: string;

  @Field(() => String, { description: 'How it was resolved (R22), kept on the report and in its history' })
  @IsString()
  @Length(3, 2000, { message: 'note must be 3 to 2000 characters (R22)', ...R22 })
  note: string;
}

@InputType()
export class SanctionInput {
  @Field(() => Sanction)
  @IsEnum(Sanction, R22)
  sanction: Sanction;

  @Field({ description: "Why. A WARNING's reason is shown to the company's admins and a REVOCATION's in the revocation notice: never name the reporter, school or student" })
  @IsString()
  @Length(3, 2000, { message: 'reason must be 3 to 2000 characters (R22)', ...R22 })
  reason: string;
}
