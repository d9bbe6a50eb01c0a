import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';

@ObjectType('TrainerAssignment', { description: 'A praktijkopleider guiding a student at a placement; R6 counts these' })
export class TrainerAssignmentModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  trainerId: string;

  @Field(() => ID)
  placementId: string;

  @Field(() => ID)
  studentId: string;

  @Field(() => LocalDateScalar)
  startDate: string;

  @Field(() => LocalDateScalar)
  endDate: string;

  @Field(() => Date, { nullable: true })
  endedAt: Date | null;
}
export const TrainerAssignmentConnection = ConnectionType(TrainerAssignmentModel);
