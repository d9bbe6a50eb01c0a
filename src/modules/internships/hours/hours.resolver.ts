import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../../common/auth/allow.decorator';
import { CurrentActor } from '../../../common/auth/request-context';
import { type Actor, Role } from '../../../common/auth/roles';
import type { InternshipEntity } from '../internship.entity';
import { InternshipModel } from '../models/internship.model';
import { LogHoursInput, ReviewHoursInput } from './dto/hours.input';
import { HoursService } from './hours.service';
import { HourWeekModel, InternshipHoursModel } from './models/hours.model';

/** Her hours (issue #17): she logs them, the company reviews them, her school reads them. */
@Resolver(() => InternshipModel)
export class HoursResolver {
  constructor(private readonly service: HoursService) {}

  @Mutation(() => HourWeekModel, {
    description:
      'The student logs a week of her own ACTIVE internship (hours per day, Monday to Sunday), or corrects one until it is approved; the week is judged against the POK and R10–R12 (R11: under 18 at most 9 h a shift, 45 h a week, 40 h on average over four weeks), and a violation is recorded and flagged, not refused',
  })
  @Allow(Role.STUDENT)
  logHours(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string, @Args('input') input: LogHoursInput) {
    return this.service.log(actor, internshipId, input);
  }

  @Mutation(() => HourWeekModel, { description: "The internship's company (its praktijkopleider) approves a submitted week, optionally with a comment" })
  @Allow(Role.COMPANY)
  approveHours(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input', { nullable: true }) input?: ReviewHoursInput) {
    return this.service.approve(actor, id, input?.comment);
  }

  @Mutation(() => HourWeekModel, { description: "The internship's company rejects a submitted week with a comment (required); the student is told and corrects it" })
  @Allow(Role.COMPANY)
  rejectHours(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input') input: ReviewHoursInput) {
    return this.service.reject(actor, id, input.comment);
  }

  @Query(() => InternshipHoursModel, { description: "An internship's logged hours and their findings: the student her own, her school, the company; anyone else gets NOT_FOUND" })
  @Allow(Role.STUDENT, Role.SCHOOL, Role.COMPANY)
  internshipHours(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string) {
    return this.service.summary(actor, internshipId);
  }

  @ResolveField(() => InternshipHoursModel, { description: 'Its logged hours against the POK, with their compliance findings (R8, R10–R12)' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  hours(@Parent() internship: InternshipEntity) {
    return this.service.summaryOf(internship);
  }
}
