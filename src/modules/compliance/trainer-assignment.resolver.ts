import { Args, createUnionType, Mutation, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { AssignTrainerInput } from '../companies/dto/trainer-assignment.input';
import { TrainerAssignmentModel } from '../companies/models/trainer-assignment.model';
import { ComplianceRejection } from './models/compliance.model';
import { TrainerAssignmentService } from './trainer-assignment.service';

export const AssignTrainerResult = createUnionType({
  name: 'AssignTrainerResult',
  description: 'The assignment, or the rules (R6 capacity, R7 qualification) that refuse it',
  types: () => [TrainerAssignmentModel, ComplianceRejection] as const,
  resolveType: (value: object) => (value instanceof ComplianceRejection ? ComplianceRejection : TrainerAssignmentModel),
});

@Resolver(() => TrainerAssignmentModel)
export class TrainerAssignmentResolver {
  constructor(private readonly assignments: TrainerAssignmentService) {}

  @Mutation(() => AssignTrainerResult, { description: 'Capacity-checked under a lock (R6: at most 3 students per praktijkopleider by default) and R7' })
  @Allow(Role.COMPANY)
  assignTrainer(@CurrentActor() actor: Actor, @Args('input') input: AssignTrainerInput) {
    return this.assignments.assign(actor, input);
  }
}
