import { Args, ArgsType, Field, ID, InputType, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
import type DataLoader from 'dataloader';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { ConnectionArgs, OrderByInput, sortFields } from '../../common/graphql/pagination';
import { Loader } from '../../common/graphql/request-loaders';
import { StudentIdentityModel } from '../students/models/student.model';
import type { StudentIdentityEntity } from '../students/student-identity.entity';
import { StudentIdentityLoader } from '../students/student-identity.loader';
import type { ContactMomentEntity } from './contact-moment.entity';
import { AmendPokInput, CompleteInternshipInput, EvaluationInput, LogContactMomentInput, TerminateInternshipInput } from './dto/guidance.input';
import type { EvaluationEntity } from './evaluation.entity';
import { GuidanceService } from './guidance.service';
import { InternshipLifecycleService } from './internship-lifecycle.service';
import { ContactMomentsLoader, EvaluationsLoader, PoksLoader } from './internships.loaders';
import { InternshipEntity, InternshipStatus, TerminationCode } from './internship.entity';
import {
  ChangePraktijkopleiderResult,
  ContactMomentModel,
  InternshipConnection,
  InternshipEvaluationModel,
  InternshipModel,
  PokModel,
  PokSignatureModel,
  PokTermsModel,
} from './models/internship.model';
import { type PokEntity, PokParty, PokSignatureWay } from './pok.entity';
import { PoksService } from './poks.service';

export const InternshipOrderField = sortFields('InternshipOrderField', 'What internships are sorted by', {
  START_DATE: 'Its first day',
  END_DATE: 'Its last day',
  CREATED_AT: 'When it came about (both sides accepted, or a self-found one confirmed)',
});
const InternshipOrder = OrderByInput('InternshipOrder', InternshipOrderField);

@InputType({ description: 'Which internships' })
class InternshipFilter {
  @Field(() => InternshipStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InternshipStatus)
  status?: InternshipStatus;
}

@ArgsType()
class InternshipsArgs extends ConnectionArgs {
  @Field(() => InternshipFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => InternshipFilter)
  filter?: InternshipFilter;

  @Field(() => InternshipOrder, { nullable: true, description: 'Default: START_DATE' })
  @IsOptional()
  @ValidateNested()
  @Type(() => InternshipOrder)
  orderBy?: InstanceType<typeof InternshipOrder>;

  @Field(() => InternshipStatus, { nullable: true, deprecationReason: 'Use filter: { status }; removed in the next release' })
  @IsOptional()
  @IsEnum(InternshipStatus)
  status?: InternshipStatus;
}

@Resolver(() => PokModel)
export class PokFieldsResolver {
  @ResolveField(() => PokTermsModel)
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  terms(@Parent() pok: PokEntity): PokTermsModel {
    return { ...pok.terms, id: pok.id } as PokTermsModel;
  }

  @ResolveField(() => [PokSignatureModel])
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  signatures(@Parent() pok: PokEntity): PokSignatureModel[] {
    return Object.entries(pok.signatures).map(([party, signature]) => ({
      party: party as PokParty,
      userId: signature!.userId,
      at: new Date(signature!.at),
      way: signature!.way ?? PokSignatureWay.OWN,
    }));
  }
}

@Resolver(() => InternshipModel)
export class InternshipsResolver {
  constructor(
    private readonly poks: PoksService,
    private readonly guidance: GuidanceService,
    private readonly lifecycle: InternshipLifecycleService,
  ) {}

  @Mutation(() => InternshipEvaluationModel, {
    description:
      'An end evaluation (R18, R19): the student records her own (evaluator STUDENT), the company the praktijkopleider, the school itself, and the student only for a student without an active account (on her behalf, audited)',
  })
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  recordEvaluation(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string, @Args('input') input: EvaluationInput) {
    return this.lifecycle.evaluate(actor, internshipId, input);
  }

  @Mutation(() => InternshipModel, {
    description:
      "ACTIVE → COMPLETED; each missing condition refuses it, named, and nothing changes: the evaluations of student, praktijkopleider and school (R18, CONFLICT), the assessment confirmed by the school (CONFLICT), approved hours of at least 90% of the POK's total or an hoursShortfallReason (R10, BAD_USER_INPUT), and before the end date an earlyCompletionReason",
  })
  @Allow(Role.COMPANY, Role.SCHOOL)
  completeInternship(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input', { nullable: true }) input?: CompleteInternshipInput) {
    return this.lifecycle.complete(actor, id, input ?? {});
  }

  @Mutation(() => InternshipModel, { description: 'Either party ends it early with a reason code and an optional note: the seat is free, the praktijkopleider no longer counts her (R6), the student gets priority in the next round, both are told; DISCRIMINATION sets meldpuntSuggested (R22)' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  terminateInternship(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input') input: TerminateInternshipInput) {
    return this.lifecycle.terminate(actor, id, input);
  }

  /** R22: a termination for DISCRIMINATION offers the school a meldpunt report on the company. */
  @ResolveField(() => Boolean)
  @Allow(Role.COMPANY, Role.SCHOOL)
  meldpuntSuggested(@Parent() internship: InternshipEntity): boolean {
    return internship.terminationCode === TerminationCode.DISCRIMINATION;
  }

  @ResolveField(() => [InternshipEvaluationModel])
  @Allow(Role.COMPANY, Role.SCHOOL)
  evaluations(@Parent() internship: InternshipEntity, @Loader(EvaluationsLoader) loader: DataLoader<string, EvaluationEntity[]>) {
    return loader.load(internship.id);
  }

  @Mutation(() => ContactMomentModel, { description: 'The school or the company logs a guidance contact: dated in the internship, not in the future (R17)' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  logContactMoment(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string, @Args('input') input: LogContactMomentInput) {
    return this.guidance.log(actor, internshipId, input);
  }

  @ResolveField(() => [ContactMomentModel])
  @Allow(Role.COMPANY, Role.SCHOOL)
  contactMoments(@Parent() internship: InternshipEntity, @Loader(ContactMomentsLoader) loader: DataLoader<string, ContactMomentEntity[]>) {
    return loader.load(internship.id);
  }

  @Mutation(() => PokModel, {
    description:
      "Records a signature (R8): the company for itself, the school for itself, the student herself with her own account (her own POK only). Her school records the student's signature on her behalf only while she has no active account (else BAD_USER_INPUT, rule STUDENT_SIGNS_HERSELF), and the guardian's only when no guardian e-mail is known (else rule GUARDIAN_SIGNS_BY_LINK: the guardian signs through the e-mailed link); both audited as on her behalf",
  })
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  signPok(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('party', { type: () => PokParty }) party: PokParty) {
    return this.poks.sign(actor, id, party);
  }

  @Mutation(() => PokModel, { description: 'A change of terms: the next POK version, which every party signs again (R9)' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  amendPok(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string, @Args('input') input: AmendPokInput) {
    return this.poks.amend(actor, internshipId, input);
  }

  @Mutation(() => ChangePraktijkopleiderResult, {
    description:
      'The company names another of its praktijkopleiders for a planned or active internship, matched or self-found: judged by R5–R7 (R6: room for one more student in its period); her trainer assignment starts and the previous one ends, and the next POK version names her (R9)',
  })
  @Allow(Role.COMPANY)
  changePraktijkopleider(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string, @Args('trainerId', { type: () => ID }) trainerId: string) {
    return this.poks.changePraktijkopleider(actor, internshipId, trainerId);
  }

  @Mutation(() => InternshipModel, { description: 'PLANNED → ACTIVE; refused (CONFLICT) until the POK is fully signed (R8)' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  startInternship(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.poks.start(actor, id);
  }

  @ResolveField(() => PokModel, { nullable: true, description: 'The current version of its praktijkovereenkomst' })
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  async pok(@Parent() internship: InternshipEntity, @Loader(PoksLoader) loader: DataLoader<string, PokEntity[]>) {
    return (await loader.load(internship.id)).at(-1) ?? null;
  }

  @Query(() => InternshipModel, { description: 'One internship of your school or company, or (a student) your own; anyone else gets NOT_FOUND' })
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  internship(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.lifecycle.find(actor, id);
  }

  @Query(() => InternshipConnection, { description: "Your company's or your school's internships; a student's own (issue #17)" })
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  internships(@CurrentActor() actor: Actor, @Args() { status, filter, orderBy, ...page }: InternshipsArgs) {
    return this.lifecycle.list(actor, { status: filter?.status ?? status, orderBy }, page);
  }

  /** R20: revealed to the company only now that both sides accepted (the reveal was audited then). */
  @ResolveField(() => StudentIdentityModel)
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  student(@Parent() internship: InternshipEntity, @Loader(StudentIdentityLoader) loader: DataLoader<string, StudentIdentityEntity | null>) {
    return loader.load(internship.studentId);
  }
}
