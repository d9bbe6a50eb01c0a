import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsEnum, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { AssessmentGrade } from '../assessment.entity';

@InputType({ description: 'The grade of one werkproces of the POK, with the praktijkopleider\'s comment' })
export class WerkprocesAssessmentInput {
  @Field({ description: 'A werkproces as the current POK version lists it' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  werkproces: string;

  @Field(() => AssessmentGrade, { description: 'ONVOLDOENDE, VOLDOENDE or GOED' })
  @IsEnum(AssessmentGrade)
  grade: AssessmentGrade;

  @Field({ description: 'Required: what the grade rests on' })
  @IsString()
  @MinLength(1, { message: 'comment: say what the grade rests on' })
  @MaxLength(4000)
  comment: string;
}

@InputType({ description: 'The praktijkopleider assesses werkprocessen of the POK; those left out keep their grade' })
export class RecordAssessmentInput {
  @Field(() => [WerkprocesAssessmentInput])
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => WerkprocesAssessmentInput)
  werkprocessen: WerkprocesAssessmentInput[];
}
