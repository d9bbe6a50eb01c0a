import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { ConfirmInternshipInput, DeclineInternshipInput, InternshipRegistrationsArgs, RegisterInternshipInput } from './dto/self-found.input';
import { ConfirmInternshipResult, InternshipRegistrationConnection, InternshipRegistrationModel } from './models/internship.model';
import { SelfFoundInternshipsService } from './self-found-internships.service';

@Resolver(() => InternshipRegistrationModel)
export class SelfFoundInternshipsResolver {
  constructor(private readonly selfFound: SelfFoundInternshipsService) {}

  @Mutation(() => InternshipRegistrationModel, { description: 'School staff register a place the student found herself; the company confirms or declines (R21)' })
  @Allow(Role.SCHOOL)
  registerInternship(@CurrentActor() actor: Actor, @Args('input') input: RegisterInternshipInput) {
    return this.selfFound.register(actor, input);
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

  @Query(() => InternshipRegistrationConnection, { description: "Your school's or your company's self-found internship registrations" })
  @Allow(Role.SCHOOL, Role.COMPANY)
  internshipRegistrations(@CurrentActor() actor: Actor, @Args() args: InternshipRegistrationsArgs) {
    return this.selfFound.list(actor, args);
  }
}
