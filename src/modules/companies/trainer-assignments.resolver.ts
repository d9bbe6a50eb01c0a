import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { AssignTrainerInput, TrainerAssignmentsArgs } from './dto/trainer-assignment.input';
import { AssignTrainerResult, TrainerAssignmentConnection, TrainerAssignmentModel } from './models/trainer-assignment.model';
import { TrainerAssignmentsService } from './trainer-assignments.service';

@Resolver(() => TrainerAssignmentModel)
export class TrainerAssignmentsResolver {
  constructor(private readonly assignments: TrainerAssignmentsService) {}

  @Query(() => TrainerAssignmentConnection, { description: "Your company's trainer assignments" })
  @Allow(Role.COMPANY)
  trainerAssignments(@CurrentActor() actor: Actor, @Args() args: TrainerAssignmentsArgs) {
    return this.assignments.list(actor, args);
  }

  @Mutation(() => AssignTrainerResult, { description: 'Capacity-checked under a lock (R6: at most 3 students per praktijkopleider by default) and R7' })
  @Allow(Role.COMPANY)
  assignTrainer(@CurrentActor() actor: Actor, @Args('input') input: AssignTrainerInput) {
    return this.assignments.assign(actor, input);
  }

  @Mutation(() => TrainerAssignmentModel, { description: "Ends an assignment and frees the trainer's slot" })
  @Allow(Role.COMPANY)
  endTrainerAssignment(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.assignments.end(actor, id);
  }
}
