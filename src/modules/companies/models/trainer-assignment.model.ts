import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';

@ObjectType('TrainerAssignment', { implements: () => [NodeInterface], description: 'A praktijkopleider guiding a student at a placement or in an internship; R6 counts these' })
export class TrainerAssignmentModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  trainerId: string;

  @Field(() => ID, { nullable: true, description: 'Null for a self-found internship recorded on a branch only' })
  placementId: string | null;

  @Field(() => ID, { nullable: true, description: 'The internship it guides: every internship has one from its creation (R6)' })
  internshipId: string | null;

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
