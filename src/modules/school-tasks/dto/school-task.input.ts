import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../common/graphql/pagination';
import { SchoolTaskKind, SchoolTaskStatus } from '../school-task.entity';

@InputType()
export class SchoolTaskFilter {
  @Field(() => SchoolTaskStatus, { nullable: true })
  @IsOptional()
  @IsEnum(SchoolTaskStatus)
  status?: SchoolTaskStatus;

  @Field(() => SchoolTaskKind, { nullable: true })
  @IsOptional()
  @IsEnum(SchoolTaskKind)
  kind?: SchoolTaskKind;
}

@ArgsType()
export class SchoolTasksArgs extends ConnectionArgs {
  @Field(() => SchoolTaskFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SchoolTaskFilter)
  filter?: SchoolTaskFilter;
}

@ArgsType()
export class CompleteSchoolTaskArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id: string;

  @Field(() => String, { description: 'What the school did, e.g. the aftercare talk or the new placement found' })
  @IsString()
  @Length(3, 2000, { message: 'note must be 3 to 2000 characters' })
  note: string;
}
