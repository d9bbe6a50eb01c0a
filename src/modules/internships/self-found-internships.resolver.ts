import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { ConfirmInternshipInput, DeclineInternshipInput, InternshipRegistrationsArgs, RegisterInternshipInput, RejectInternshipRegistrationInput } from './dto/self-found.input';
import { ConfirmInternshipResult, InternshipRegistrationConnection, InternshipRegistrationModel } from './models/internship.model';
import { SelfFoundInternshipsService } from './self-found-internships.service';

@Resolver(() => InternshipRegistrationModel)
export class SelfFoundInternshipsResolver {
  constructor(private readonly selfFound: SelfFoundInternshipsService) {}

  @Mutation(() => InternshipRegistrationModel, {
    description:
      'School staff register a place the student found herself; the company confirms or declines (R21). A student signed in as herself registers her own (her own studentId): it is AWAITING_SCHOOL until her school approves it, and only then does the company see it (issue #17)',
  })
  @Allow(Role.SCHOOL, Role.STUDENT)
  registerInternship(@CurrentActor() actor: Actor, @Args('input') input: RegisterInternshipInput) {
    return this.selfFound.register(actor, input);
  }

  @Mutation(() => InternshipRegistrationModel, {
    description: "Her school approves a place the student registered herself: AWAITING_SCHOOL → REQUESTED, and the company is asked to confirm or decline (issue #17); another school's is NOT_FOUND",
  })
  @Allow(Role.SCHOOL)
  approveInternshipRegistration(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.selfFound.approve(actor, id);
  }

  @Mutation(() => InternshipRegistrationModel, { description: 'Her school rejects a place the student registered herself, with a reason she reads: REJECTED_BY_SCHOOL; the company never sees it (issue #17)' })
  @Allow(Role.SCHOOL)
  rejectInternshipRegistration(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input') input: RejectInternshipRegistrationInput) {
    return this.selfFound.rejectRegistration(actor, id, input.reason);
  }

  @Mutation(() => ConfirmInternshipResult, {
    description: 'The company confirms (praktijkopleider, corrected terms): R1, R5–R7 and R10–R16 run; a BLOCK finding refuses, otherwise the internship is PLANNED with POK version 1',
  })
  @Allow(Role.COMPANY)
  confirmInternship(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input', { nullable: true }) input?: ConfirmInternshipInput) {
    return this.selfFound.confirm(actor, id, input ?? {});
  }

  @Mutation(() => InternshipRegistrationModel, { description: 'The company declines with a reason code (R21), audited and counted by the adverse-impact audit (R23)' })
  @Allow(Role.COMPANY)
  declineInternship(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input') input: DeclineInternshipInput) {
    return this.selfFound.decline(actor, id, input);
  }

  @Mutation(() => InternshipRegistrationModel, { description: 'The school or the company withdraws a registration before it is confirmed' })
  @Allow(Role.SCHOOL, Role.COMPANY)
  withdrawInternshipRegistration(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.selfFound.withdraw(actor, id);
  }

  @Query(() => InternshipRegistrationConnection, {
    description: "Your school's or your company's self-found internship registrations (a company's without those still awaiting the school's approval); a student's own (issue #17)",
  })
  @Allow(Role.SCHOOL, Role.COMPANY, Role.STUDENT)
  internshipRegistrations(@CurrentActor() actor: Actor, @Args() args: InternshipRegistrationsArgs) {
    return this.selfFound.list(actor, args);
  }
}
