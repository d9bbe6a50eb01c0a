import { ArgsType, Field, InputType, Int, OmitType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs, OrderByInput } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Leerweg } from '../../../common/qualification';
import { IsCrebo, IsLocalDate, IsMboLevel, IsPc4, IsRadiusKm, IsShortText } from '../../../common/validation/domain-validators';
import { IsOmittable, UpdateInputOf } from '../../../common/validation/update-input';

@InputType()
export class StudentIdentityInput {
  @Field()
  @IsString()
  @Length(1, 200)
  fullName: string;

  @Field(() => LocalDateScalar)
  @IsLocalDate()
  dateOfBirth: string;

  @Field()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,32}$/, { message: 'phone must be a phone number' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Her parent or guardian (issue #17): signs her POK by an e-mailed link when she is under 18 on its start date (R8)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  guardianName?: string | null;

  @Field(() => String, { nullable: true, description: "Her guardian's e-mail address: where the single-use POK signing link goes (R8)" })
  @IsOptional()
  @IsEmail({}, { message: 'guardianEmail must be an e-mail address' })
  @MaxLength(254)
  guardianEmail?: string | null;
}

/** A school's student number: letters, digits, `.`, `_` or `-`, 1–30 characters. */
export const STUDENT_NUMBER = /^[A-Za-z0-9._-]{1,30}$/;

@InputType()
export class CreateStudentInput {
  @Field(() => String, { nullable: true, description: "The school's own student number (its student administration), unique per school; a bulk import upserts by it" })
  @IsOptional()
  @Matches(STUDENT_NUMBER, { message: 'studentNumber must be 1–30 letters, digits, ".", "_" or "-"' })
  studentNumber?: string | null;

  @Field({ description: 'Qualification code, 5 digits (R4)' })
  @IsCrebo()
  crebo: string;

  @Field(() => Int, { description: 'MBO level 1–4 (R4)' })
  @IsMboLevel()
  level: number;

  @Field(() => Leerweg)
  @IsEnum(Leerweg)
  leerweg: Leerweg;

  @Field(() => Int, { description: 'School year the student started, e.g. 2025' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  cohort: number;

  @Field({ description: 'What the student wants to learn (leerwens)' })
  @IsString()
  @Length(1, 2000)
  learningWish: string;

  @Field(() => [String], { description: 'Werkprocessen the student must practise' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(120, { each: true, message: 'each werkproces must be at most 120 characters' })
  werkprocessen: string[];

  @Field({ description: 'Home PC4 postcode; finer address data is never stored here (R20)' })
  @IsPc4()
  homePostcode: string;

  @Field(() => Int)
  @IsRadiusKm()
  radiusKm: number;

  @Field(() => LocalDateScalar)
  @IsLocalDate()
  availableFrom: string;

  @Field(() => LocalDateScalar)
  @IsLocalDate()
  availableUntil: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(5)
  daysPerWeek: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(60)
  hoursPerWeek: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsShortText(1000)
  accessibilityNeeds?: string | null;

  @Field(() => StudentIdentityInput)
  @ValidateNested()
  @Type(() => StudentIdentityInput)
  identity: StudentIdentityInput;
}

@InputType()
export class UpdateStudentInput extends UpdateInputOf(OmitType(CreateStudentInput, ['identity'] as const)) {
  @Field(() => StudentIdentityInput, { nullable: true, description: 'Replaces the whole identity' })
  @IsOmittable()
  @ValidateNested()
  @Type(() => StudentIdentityInput)
  identity?: StudentIdentityInput;
}

@InputType()
export class StudentFilter {
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

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  cohort?: number;

  @Field({ nullable: true, description: 'Part of the name (the school sees its own students by name)' })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  name?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  includeArchived?: boolean;
}

export enum StudentOrderField {
  CREATED_AT = 'CREATED_AT',
  NAME = 'NAME',
  AVAILABLE_FROM = 'AVAILABLE_FROM',
  CREBO = 'CREBO',
}
registerEnumType(StudentOrderField, {
  name: 'StudentOrderField',
  description: 'What a school sorts its students by',
  valuesMap: {
    CREATED_AT: { description: 'When the profile was created' },
    NAME: { description: 'Her full name, case-insensitively (identity: the school only)' },
    AVAILABLE_FROM: { description: 'The first day she is available' },
    CREBO: { description: 'Her crebo' },
  },
});
export const StudentOrder = OrderByInput('StudentOrder', StudentOrderField);
export type StudentOrder = InstanceType<typeof StudentOrder>;

@ArgsType()
export class StudentsArgs extends ConnectionArgs {
  @Field(() => StudentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => StudentFilter)
  filter?: StudentFilter;

  @Field(() => StudentOrder, { nullable: true, description: 'Default: CREATED_AT DESC, newest first' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StudentOrder)
  orderBy?: StudentOrder;
}
