import { Args, ArgsType, Field, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsEmail, IsIn, IsOptional, IsUUID } from 'class-validator';
import type DataLoader from 'dataloader';
import { Allow } from '../../../common/auth/allow.decorator';
import { CurrentActor } from '../../../common/auth/request-context';
import { type Actor, Role } from '../../../common/auth/roles';
import { Loader } from '../../../common/graphql/request-loaders';
import { InvitationModel } from '../../organizations/invitations/invitation.model';
import { StudentModel } from '../models/student.model';
import type { StudentEntity } from '../student.entity';
import { StudentAccountLoader } from './student-account.loader';
import { StudentAccountStatus } from './student-account-status';
import { StudentAccountsService } from './student-accounts.service';

@ArgsType()
export class InviteStudentArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'studentId must be an id' })
  studentId: string;

  @Field({ nullable: true, description: "Where the invitation goes; by default her identity's e-mail address" })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @Field({ nullable: true, description: 'Her language, nl or en: of the invitation and her account (default nl)' })
  @IsOptional()
  @IsIn(['nl', 'en'])
  language?: 'nl' | 'en';
}

@Resolver(() => StudentModel)
export class StudentAccountsResolver {
  constructor(private readonly service: StudentAccountsService) {}

  @Mutation(() => InvitationModel, {
    description:
      "School staff invite one of their students to her own account (role STUDENT, issue #17): an e-mail with a single-use link, valid 7 days, to choose her password; with her school's SSO she signs in with the same address. Inviting her again sends a new link and ends the old one; BAD_USER_INPUT rule STUDENT_HAS_ACCOUNT once she has one. Audited",
  })
  @Allow(Role.SCHOOL)
  inviteStudent(@CurrentActor() actor: Actor, @Args() { studentId, email, language }: InviteStudentArgs) {
    return this.service.invite(actor, studentId, email, language);
  }

  @Query(() => StudentModel, { description: 'A student signed in as herself: her own profile, identity included' })
  @Allow(Role.STUDENT)
  myStudent(@CurrentActor() actor: Actor) {
    return this.service.herself(actor);
  }

  @ResolveField(() => StudentAccountStatus, { description: 'Her school: whether she has her own account (inviteStudent)' })
  @Allow(Role.SCHOOL)
  async account(@Parent() student: StudentEntity, @Loader(StudentAccountLoader) loader: DataLoader<string, StudentAccountStatus>): Promise<StudentAccountStatus> {
    return loader.load(student.id);
  }
}
