import { Field, Float, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { LocalDateScalar } from '../../../../common/graphql/scalars';
import { IsLocalDate } from '../../../../common/validation/domain-validators';

@InputType({ description: 'One week of her internship as the student logs it (or corrects it, until it is approved)' })
export class LogHoursInput {
  @Field(() => LocalDateScalar, { description: 'The Monday of the ISO week; the week must fall (partly) in the internship and have begun' })
  @IsLocalDate()
  weekStart: string;

  @Field(() => [Float], { description: 'The hours worked on each day, Monday to Sunday: seven figures of 0 to 24; one day is one shift (R11); days outside the internship are 0' })
  @IsArray()
  @ArrayMinSize(7, { message: 'hoursPerDay has seven figures, Monday to Sunday' })
  @ArrayMaxSize(7, { message: 'hoursPerDay has seven figures, Monday to Sunday' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  @Min(0, { each: true, message: 'hours of a day are 0 to 24' })
  @Max(24, { each: true, message: 'hours of a day are 0 to 24' })
  hoursPerDay: number[];

  @Field({ nullable: true, description: 'A note for the praktijkopleider' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@InputType({ description: "The company's decision on a logged week" })
export class ReviewHoursInput {
  @Field({ nullable: true, description: 'Required with a rejection: what she should correct' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  comment?: string;
}
