import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { TrainerAssignmentsArgs } from './dto/trainer-assignment.input';
import { TrainerAssignmentConnection, TrainerAssignmentModel } from './models/trainer-assignment.model';
import { TrainerAssignmentsService } from './trainer-assignments.service';

/** `assignTrainer` is the compliance module's (it judges R6 and R7): compliance/trainer-assignment.resolver.ts. */
@Resolver(() => TrainerAssignmentModel)
export class TrainerAssignmentsResolver {
  constructor(private readonly assignments: TrainerAssignmentsService) {}

  @Query(() => TrainerAssignmentConnection, { description: "Your company's trainer assignments" })
  @Allow(Role.COMPANY)
  trainerAssignments(@CurrentActor() actor: Actor, @Args() args: TrainerAssignmentsArgs) {
    return this.assignments.list(actor, args);
  }

  @Mutation(() => TrainerAssignmentModel, { description: "Ends an assignment and frees the trainer's slot" })
  @Allow(Role.COMPANY)
  endTrainerAssignment(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.assignments.end(actor, id);
  }
}
