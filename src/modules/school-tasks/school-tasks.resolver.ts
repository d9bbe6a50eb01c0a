import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { CompleteSchoolTaskArgs, SchoolTasksArgs } from './dto/school-task.input';
import { SchoolTaskConnection, SchoolTaskModel } from './models/school-task.model';
import { SchoolTasksService } from './school-tasks.service';

@Resolver(() => SchoolTaskModel)
export class SchoolTasksResolver {
  constructor(private readonly service: SchoolTasksService) {}

  @Query(() => SchoolTaskConnection, { description: "A school's own tasks, newest first; SBB and the operator read every school's (read-only)" })
  @Allow(Role.SCHOOL, Role.SBB, Role.PLATFORM)
  schoolTasks(@CurrentActor() actor: Actor, @Args() args: SchoolTasksArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => SchoolTaskModel, { description: "One task: the own school's, or any for SBB and the operator; another school's is NOT_FOUND" })
  @Allow(Role.SCHOOL, Role.SBB, Role.PLATFORM)
  schoolTask(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.find(actor, id);
  }

  @Mutation(() => SchoolTaskModel, { description: 'OPEN → DONE, by the own school only, with a note (audited)' })
  @Allow(Role.SCHOOL)
  completeSchoolTask(@CurrentActor() actor: Actor, @Args() { id, note }: CompleteSchoolTaskArgs) {
    return this.service.complete(actor, id, note);
  }
}
