import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { SchoolTaskKind, SchoolTaskStatus } from '../school-task.entity';

@ObjectType('SchoolTask', { implements: () => [NodeInterface], description: 'Work for a school: aftercare after a report (R22) or a replacement search after a revocation (R2)' })
export class SchoolTaskModel {
  @Field(() => ID)
  id: string;

  @Field(() => SchoolTaskKind)
  kind: SchoolTaskKind;

  @Field(() => SchoolTaskStatus)
  status: SchoolTaskStatus;

  @Field(() => ID)
  schoolId: string;

  @Field(() => ID, { nullable: true, description: 'The student it concerns, by id only: the school looks her up itself' })
  studentId: string | null;

  @Field(() => ID, { nullable: true, description: 'The discrimination report behind an AFTERCARE task' })
  reportId: string | null;

  @Field(() => ID, { nullable: true, description: 'The suspended placement behind a REPLACEMENT_SEARCH task' })
  placementId: string | null;

  @Field(() => ID, { nullable: true, description: 'Her internship there, when she had one (otherwise an open proposal)' })
  internshipId: string | null;

  @Field()
  createdAt: Date;

  @Field(() => ID, { nullable: true, description: 'Who caused it; null for the system' })
  createdByUserId: string | null;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field(() => ID, { nullable: true })
  completedByUserId: string | null;

  @Field(() => String, { nullable: true })
  completionNote: string | null;
}
export const SchoolTaskConnection = ConnectionType(SchoolTaskModel);
