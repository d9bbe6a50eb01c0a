import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { DiscriminationGround, ReportStatus, Sanction } from '../discrimination-report.entity';

@ObjectType('DiscriminationReportTransition', { implements: () => [NodeInterface], description: 'One step of a report (R22); filing is the first, from null to RECEIVED' })
export class ReportTransitionModel {
  @Field(() => ID)
  id: string;

  @Field(() => ReportStatus, { nullable: true })
  fromStatus: ReportStatus | null;

  @Field(() => ReportStatus)
  toStatus: ReportStatus;

  @Field(() => ID)
  byUserId: string;

  @Field(() => ID)
  byOrganizationId: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field()
  at: Date;
}

@ObjectType('DiscriminationReport', { implements: () => [NodeInterface],
  description: 'A meldpunt report (R22). Only the reporting school and SBB can read it: the company never sees it or who reported',
})
export class DiscriminationReportModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The reporting school' })
  schoolId: string;

  @Field(() => ID)
  reportedByUserId: string;

  @Field(() => ID, { nullable: true, description: 'The student it concerns, by id only: the school looks her up itself' })
  studentId: string | null;

  @Field(() => ID)
  companyId: string;

  @Field(() => ID, { nullable: true })
  placementId: string | null;

  @Field(() => ID, { nullable: true })
  internshipId: string | null;

  @Field(() => DiscriminationGround)
  ground: DiscriminationGround;

  @Field()
  description: string;

  @Field(() => LocalDateScalar)
  incidentDate: string;

  @Field(() => ReportStatus)
  status: ReportStatus;

  @Field({ description: 'R22, issue #17: the student filed it herself (fileMyDiscriminationReport)' })
  filedByStudent: boolean;

  @Field({ description: 'R22: she agreed that the company may learn she filed it; false for every report the school files' })
  shareIdentityWithCompany: boolean;

  @Field({ description: 'The school had no student at the company when it reported (no proposal, internship or trainer link): allowed, flagged' })
  noStudentLink: boolean;

  @Field(() => String, { nullable: true })
  resolutionNote: string | null;

  @Field(() => Sanction, { nullable: true })
  sanction: Sanction | null;

  @Field(() => String, { nullable: true })
  sanctionReason: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}
export const DiscriminationReportConnection = ConnectionType(DiscriminationReportModel);
