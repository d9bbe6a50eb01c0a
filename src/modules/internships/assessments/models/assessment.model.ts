import { NodeInterface } from '../../../../common/graphql/node';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AssessmentGrade, AssessmentStatus } from '../assessment.entity';

@ObjectType('WerkprocesAssessment', { description: 'The grade of one werkproces, with the praktijkopleider\'s comment' })
export class WerkprocesAssessmentModel {
  @Field({ description: 'The werkproces as the POK lists it' }) werkproces: string;
  @Field(() => AssessmentGrade, { description: 'ONVOLDOENDE, VOLDOENDE or GOED' }) grade: AssessmentGrade;
  @Field({ description: "The praktijkopleider's comment" }) comment: string;
  @Field({ description: 'When it was last graded' }) assessedAt: Date;
}

@ObjectType('InternshipAssessment', { implements: () => [NodeInterface], description: 'The praktijkopleider\'s assessment per werkproces of the POK; final once the school confirms it (issue #17)' })
export class InternshipAssessmentModel {
  @Field(() => ID, { description: 'The assessment; it is read and changed through its internship (internshipAssessment, recordAssessment, confirmAssessment)' }) id: string;
  @Field(() => ID) internshipId: string;
  @Field(() => AssessmentStatus) status: AssessmentStatus;
  @Field(() => [WerkprocesAssessmentModel], { description: 'The werkprocessen of the current POK version that are assessed' }) werkprocessen: WerkprocesAssessmentModel[];
  @Field(() => [String], { description: 'The werkprocessen of the current POK version not yet assessed: the school confirms only when none is left' })
  missingWerkprocessen: string[];
  @Field(() => Int, { nullable: true, description: 'The POK version it covered when confirmed' }) pokVersion: number | null;
  @Field(() => Date, { nullable: true, description: 'When the school confirmed it' }) confirmedAt: Date | null;
}
