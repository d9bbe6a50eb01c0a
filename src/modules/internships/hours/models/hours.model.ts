import { NodeInterface } from '../../../../common/graphql/node';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar } from '../../../../common/graphql/scalars';
import { ComplianceFindingModel } from '../../../compliance/models/compliance.model';
import type { Finding } from '../../../compliance/rules/rule';
import { HourWeekStatus } from '../hour-week.entity';

@ObjectType('HourWeek', { implements: () => [NodeInterface], description: 'One week of an internship as the student logged it; the company approves or rejects it' })
export class HourWeekModel {
  @Field(() => ID, { description: 'The id approveHours and rejectHours name' }) id: string;
  @Field(() => ID) internshipId: string;
  @Field(() => LocalDateScalar, { description: 'The Monday of the ISO week' }) weekStart: string;
  @Field(() => [Float], { description: 'Monday to Sunday' }) hoursPerDay: number[];
  @Field(() => Float, { description: 'The sum of the days' }) totalHours: number;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => HourWeekStatus) status: HourWeekStatus;
  @Field(() => String, { nullable: true, description: "The company's comment with its decision" }) reviewComment: string | null;
  @Field(() => Date, { nullable: true, description: 'When the company approved or rejected it' }) reviewedAt: Date | null;
  @Field(() => [ComplianceFindingModel], { description: 'The compliance findings on this week (R8, R11, R12); a finding refuses nothing, it is flagged' })
  findings: Finding[];
  @Field() updatedAt: Date;
}

@ObjectType('InternshipHours', { description: "An internship's logged hours against its POK and the Stagepact rules (issue #17)" })
export class InternshipHoursModel {
  @Field(() => ID) internshipId: string;
  @Field(() => [HourWeekModel], { description: 'In week order' }) weeks: HourWeekModel[];
  @Field(() => Float, { description: 'Hours of the approved weeks' }) approvedHours: number;
  @Field(() => Float, { description: 'Hours of the weeks awaiting the company' }) submittedHours: number;
  @Field(() => Int, { description: "The current POK's hours per week (R8)" }) pokHoursPerWeek: number;
  @Field(() => Int, { description: "The current POK's total hours (R8)" }) pokTotalHours: number;
  @Field(() => Float, { description: 'The approved hours completion needs without a reason: the allowed margin of the POK total (R10)' })
  hoursRequiredForCompletion: number;
  @Field(() => [ComplianceFindingModel], { description: 'Every compliance finding on the actual hours (R8, R10–R12), for the school, the company and SBB' })
  findings: Finding[];
}
