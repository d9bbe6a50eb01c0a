import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../../common/auth/allow.decorator';
import { CurrentActor } from '../../../common/auth/request-context';
import { type Actor, Role } from '../../../common/auth/roles';
import { AssessmentsService } from './assessments.service';
import { RecordAssessmentInput } from './dto/assessment.input';
import { InternshipAssessmentModel } from './models/assessment.model';

/** The assessment per werkproces (issue #17): the company records, the school confirms, the student reads hers. */
@Resolver(() => InternshipAssessmentModel)
export class AssessmentsResolver {
  constructor(private readonly assessments: AssessmentsService) {}

  @Mutation(() => InternshipAssessmentModel, {
    description: "The internship's company (its praktijkopleider) grades werkprocessen of the current POK version, each with a comment; refused (CONFLICT) once the school confirmed it",
  })
  @Allow(Role.COMPANY)
  recordAssessment(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string, @Args('input') input: RecordAssessmentInput) {
    return this.assessments.record(actor, internshipId, input);
  }

  @Mutation(() => InternshipAssessmentModel, { description: 'Her school confirms the assessment once every werkproces of the current POK version is graded (CONFLICT naming those missing); then it is final' })
  @Allow(Role.SCHOOL)
  confirmAssessment(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string) {
    return this.assessments.confirm(actor, internshipId);
  }

  @Query(() => InternshipAssessmentModel, { nullable: true, description: "An internship's assessment: the student her own, her school, the company; null before it began; anyone else gets NOT_FOUND" })
  @Allow(Role.STUDENT, Role.SCHOOL, Role.COMPANY)
  internshipAssessment(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string) {
    return this.assessments.find(actor, internshipId);
  }
}
