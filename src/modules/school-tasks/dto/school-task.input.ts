import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { ConnectionArgs, OrderByInput, sortFields } from '../../../common/graphql/pagination';
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

export const SchoolTaskOrderField = sortFields('SchoolTaskOrderField', 'What school tasks are sorted by', {
  CREATED_AT: 'When the task arose',
  STATUS: 'Its status (OPEN before DONE ascending), then when it arose',
  KIND: 'Its kind, then when it arose',
});
export type SchoolTaskOrderField = keyof typeof SchoolTaskOrderField;
const SchoolTaskOrder = OrderByInput('SchoolTaskOrder', SchoolTaskOrderField);

@ArgsType()
export class SchoolTasksArgs extends ConnectionArgs {
  @Field(() => SchoolTaskFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SchoolTaskFilter)
  filter?: SchoolTaskFilter;

  @Field(() => SchoolTaskOrder, { nullable: true, description: 'Default: CREATED_AT DESC, newest first' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SchoolTaskOrder)
  orderBy?: InstanceType<typeof SchoolTaskOrder>;
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
