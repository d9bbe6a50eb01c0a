import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { ForbiddenError } from '../../common/errors/domain-errors';
import { Loader } from '../../common/graphql/request-loaders';
import { CreateStudentInput, StudentsArgs, UpdateStudentInput } from './dto/student.input';
import { StudentConnection, StudentIdentityModel, StudentModel } from './models/student.model';
import type { StudentIdentityEntity } from './student-identity.entity';
import { StudentIdentityLoader } from './student-identity.loader';
import type { StudentEntity } from './student.entity';
import { StudentsPolicy } from './students.policy';
import { StudentsService } from './students.service';

/** Students belong to a school: only that school's staff reach them (companies never do). */
@Resolver(() => StudentModel)
export class StudentsResolver {
  constructor(private readonly service: StudentsService) {}

  @Query(() => StudentConnection, { description: "Your school's students" })
  @Allow(Role.SCHOOL)
  students(@CurrentActor() actor: Actor, @Args() args: StudentsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => StudentModel)
  @Allow(Role.SCHOOL)
  student(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.findOwn(actor, id);
  }

  @Mutation(() => StudentModel)
  @Allow(Role.SCHOOL)
  createStudent(@CurrentActor() actor: Actor, @Args('input') input: CreateStudentInput) {
    return this.service.create(actor, input);
  }

  @Mutation(() => StudentModel)
  @Allow(Role.SCHOOL)
  updateStudent(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateStudentInput,
  ) {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => StudentModel)
  @Allow(Role.SCHOOL)
  archiveStudent(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.archive(actor, id);
  }

  @ResolveField(() => [ID], { description: 'Probable duplicates: ids of her school\'s other current students with the same name and date of birth (issue #18); the school decides' })
  @Allow(Role.SCHOOL)
  async probableDuplicates(@CurrentActor() actor: Actor, @Parent() student: StudentEntity): Promise<string[]> {
    if (!StudentsPolicy.maySeeIdentity(actor, student)) throw new ForbiddenError();
    return this.service.probableDuplicates(student);
  }

  /** Only the owning school and the student herself ever read who a student is (R20). */
  @ResolveField(() => StudentIdentityModel, { nullable: true })
  @Allow(Role.SCHOOL, Role.STUDENT)
  identity(
    @CurrentActor() actor: Actor,
    @Parent() student: StudentEntity,
    @Loader(StudentIdentityLoader) loader: DataLoader<string, StudentIdentityEntity | null>,
  ) {
    if (!StudentsPolicy.maySeeIdentity(actor, student)) throw new ForbiddenError();
    return loader.load(student.id);
  }
}

/**
 * Her guardian's contact (issue #17) on her identity: her school and she herself read it, a company
 * never (it reads her identity through an internship, R20, but not whom to mail about her).
 */
@Resolver(() => StudentIdentityModel)
export class StudentIdentityFieldsResolver {
  @ResolveField(() => String, { nullable: true, description: 'Her parent or guardian, who signs her POK by an e-mailed link when she is under 18 on its start date (R8); her school and she herself only' })
  @Allow(Role.SCHOOL, Role.STUDENT)
  guardianName(@CurrentActor() actor: Actor, @Parent() identity: StudentIdentityEntity): string | null {
    return mayReadGuardian(actor, identity) ? identity.guardianName : null;
  }

  @ResolveField(() => String, { nullable: true, description: "Her guardian's e-mail address, where the POK signing link goes (R8); her school and she herself only" })
  @Allow(Role.SCHOOL, Role.STUDENT)
  guardianEmail(@CurrentActor() actor: Actor, @Parent() identity: StudentIdentityEntity): string | null {
    return mayReadGuardian(actor, identity) ? identity.guardianEmail : null;
  }
}

/** School staff reach only their own students' identities; a student only her own. */
const mayReadGuardian = (actor: Actor, identity: StudentIdentityEntity) => !actor.studentId || actor.studentId === identity.studentId;
