import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../common/graphql/pagination';

@InputType()
export class AssignTrainerInput {
  @Field(() => ID, { description: 'One of your placements; the assignment runs for its period' })
  @IsUUID('all', { message: 'placementId must be an id' })
  placementId: string;

  @Field(() => ID, { description: 'A student with an open proposal or a planned or active internship at the placement; anyone else is NOT_FOUND (R20)' })
  @IsUUID('all', { message: 'studentId must be an id' })
  studentId: string;

  @Field(() => ID, { nullable: true, description: "Defaults to the placement's praktijkopleider" })
  @IsOptional()
  @IsUUID('all', { message: 'trainerId must be an id' })
  trainerId?: string;
}

@InputType({ description: 'Which trainer assignments' })
export class TrainerAssignmentFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'trainerId must be an id' })
  trainerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'placementId must be an id' })
  placementId?: string;

  @Field({ nullable: true, description: 'Only assignments not ended (default true)' })
  @IsOptional()
  @IsBoolean()
  activeOnly?: boolean;
}

@ArgsType()
export class TrainerAssignmentsArgs extends ConnectionArgs {
  @Field(() => TrainerAssignmentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrainerAssignmentFilter)
  filter?: TrainerAssignmentFilter;

  @Field(() => ID, { nullable: true, deprecationReason: 'Use filter; removed in the next release' })
  @IsOptional()
  @IsUUID('all', { message: 'trainerId must be an id' })
  trainerId?: string;

  @Field(() => ID, { nullable: true, deprecationReason: 'Use filter; removed in the next release' })
  @IsOptional()
  @IsUUID('all', { message: 'placementId must be an id' })
  placementId?: string;

  @Field({ nullable: true, description: 'Only assignments not ended (default true)', deprecationReason: 'Use filter; removed in the next release' })
  @IsOptional()
  @IsBoolean()
  activeOnly?: boolean;
}
