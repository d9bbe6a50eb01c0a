import { Args, ArgsType, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsEnum, IsOptional } from 'class-validator';
import type DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, OrganizationType, Role } from '../../common/auth/roles';
import { ConnectionArgs, ConnectionType, paginate } from '../../common/graphql/pagination';
import { Loader } from '../../common/graphql/request-loaders';
import { LocalDateScalar } from '../../common/graphql/scalars';
import { StudentIdentityModel } from '../students/models/student.model';
import type { StudentIdentityEntity } from '../students/student-identity.entity';
import { StudentIdentityLoader } from '../students/student-identity.loader';
import { ContactMomentEntity, ContactParticipant, ContactType } from './contact-moment.entity';
import { LogContactMomentInput } from './dto/guidance.input';
import { GuidanceService } from './guidance.service';
import { AmendPokInput, EvaluationInput, TerminateInternshipInput } from './dto/guidance.input';
import { EvaluationEntity, Evaluator } from './evaluation.entity';
import { InternshipLifecycleService } from './internship-lifecycle.service';

@ObjectType('InternshipEvaluation', { description: 'An end evaluation (R18, R19)' })
export class InternshipEvaluationModel {
  @Field(() => Evaluator) evaluator: Evaluator;
  @Field(() => Int) rating: number;
  @Field() satisfiedWithSchoolGuidance: boolean;
  @Field() satisfiedWithCompanyGuidance: boolean;
  @Field(() => String, { nullable: true }) comments: string | null;
  @Field() createdAt: Date;
}
import { InternshipEntity, InternshipStatus } from './internship.entity';

@ObjectType('ContactMoment', { description: 'A guidance contact during an internship (R17)' })
export class ContactMomentModel {
  @Field(() => ID) id: string;
  @Field(() => LocalDateScalar) date: string;
  @Field(() => ContactType) type: ContactType;
  @Field() onSite: boolean;
  @Field(() => [ContactParticipant]) participants: ContactParticipant[];
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => ID) organizationId: string;
}
import { PokEntity, PokParty, PokStatus } from './pok.entity';
import { PoksService } from './poks.service';

@ObjectType('PokTerms', { description: 'What R8 requires the praktijkovereenkomst to state' })
export class PokTermsModel {
  @Field() school: string;
  @Field() company: string;
  @Field() branch: string;
  @Field() student: string;
  @Field() crebo: string;
  @Field(() => Int) level: number;
  @Field() leerweg: string;
  @Field(() => LocalDateScalar) startDate: string;
  @Field(() => LocalDateScalar) endDate: string;
  @Field(() => Int) hoursPerWeek: number;
  @Field(() => Int) totalHours: number;
  @Field(() => String, { nullable: true }) praktijkopleider: string | null;
  @Field(() => [String]) werkprocessen: string[];
  @Field() assessment: string;
  @Field() guidanceFrequency: string;
  @Field() terminationClause: string;
}

@ObjectType('PokSignature')
export class PokSignatureModel {
  @Field(() => PokParty) party: PokParty;
  @Field(() => ID, { description: 'The user who recorded it' }) userId: string;
  @Field() at: Date;
}

@ObjectType('Pok', { description: 'The praktijkovereenkomst (R8): the internship starts only when every required party has signed' })
export class PokModel {
  @Field(() => ID) id: string;
  @Field(() => Int) version: number;
  @Field(() => PokStatus) status: PokStatus;
  @Field({ description: 'The student is under 18 on the start date: her guardian signs too' }) guardianRequired: boolean;
  @Field(() => PokTermsModel) terms: PokTermsModel;
}

@ObjectType('Internship', { description: 'A student placed at a placement after both sides accepted the proposal' })
export class InternshipModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  proposalId: string;

  @Field(() => ID)
  placementId: string;

  @Field(() => ID)
  studentId: string;

  @Field(() => LocalDateScalar)
  startDate: string;

  @Field(() => LocalDateScalar)
  endDate: string;

  @Field(() => InternshipStatus)
  status: InternshipStatus;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  endedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was ended early' })
  terminationReason: string | null;

  @Field()
  createdAt: Date;
}
const InternshipConnection = ConnectionType(InternshipModel);

@ArgsType()
class InternshipsArgs extends ConnectionArgs {
  @Field(() => InternshipStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InternshipStatus)
  status?: InternshipStatus;
}

@Resolver(() => PokModel)
export class PokFieldsResolver {
  @ResolveField(() => [PokSignatureModel])
  @Allow(Role.COMPANY, Role.SCHOOL)
  signatures(@Parent() pok: PokEntity): PokSignatureModel[] {
    return Object.entries(pok.signatures).map(([party, signature]) => ({ party: party as PokParty, userId: signature!.userId, at: new Date(signature!.at) }));
  }
}

@Resolver(() => InternshipModel)
export class InternshipsResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly poks: PoksService,
    private readonly guidance: GuidanceService,
    private readonly lifecycle: InternshipLifecycleService,
  ) {}

  @Mutation(() => InternshipEvaluationModel, { description: 'An end evaluation: the school records the student and itself, the company the praktijkopleider (R19)' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  recordEvaluation(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string, @Args('input') input: EvaluationInput) {
    return this.lifecycle.evaluate(actor, internshipId, input);
  }

  @Mutation(() => InternshipModel, { description: 'ACTIVE → COMPLETED; refused (CONFLICT) until student, praktijkopleider and school have evaluated (R18)' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  completeInternship(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.lifecycle.complete(actor, id);
  }

  @Mutation(() => InternshipModel, { description: 'Either party ends it early with a reason: the seat is free, the student gets priority in the next round, both are told' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  terminateInternship(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input') input: TerminateInternshipInput) {
    return this.lifecycle.terminate(actor, id, input);
  }

  @ResolveField(() => [InternshipEvaluationModel])
  @Allow(Role.COMPANY, Role.SCHOOL)
  evaluations(@Parent() internship: InternshipEntity): Promise<EvaluationEntity[]> {
    return this.lifecycle.evaluations(internship.id);
  }

  @Mutation(() => ContactMomentModel, { description: 'The school or the company logs a guidance contact: dated in the internship, not in the future (R17)' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  logContactMoment(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string, @Args('input') input: LogContactMomentInput) {
    return this.guidance.log(actor, internshipId, input);
  }

  @ResolveField(() => [ContactMomentModel])
  @Allow(Role.COMPANY, Role.SCHOOL)
  contactMoments(@Parent() internship: InternshipEntity): Promise<ContactMomentEntity[]> {
    return this.guidance.list(internship.id);
  }

  @Mutation(() => PokModel, { description: 'Records a signature: the school for the student, her guardian and itself; the company for itself (R8)' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  signPok(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('party', { type: () => PokParty }) party: PokParty) {
    return this.poks.sign(actor, id, party);
  }

  @Mutation(() => PokModel, { description: 'A change of terms: the next POK version, which every party signs again (R9)' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  amendPok(@CurrentActor() actor: Actor, @Args('internshipId', { type: () => ID }) internshipId: string, @Args('input') input: AmendPokInput) {
    return this.poks.amend(actor, internshipId, input);
  }

  @Mutation(() => InternshipModel, { description: 'PLANNED → ACTIVE; refused (CONFLICT) until the POK is fully signed (R8)' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  startInternship(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.poks.start(actor, id);
  }

  @ResolveField(() => PokModel, { nullable: true, description: 'The current version of its praktijkovereenkomst' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  pok(@Parent() internship: InternshipEntity) {
    return this.poks.current(internship.id);
  }

  @Query(() => InternshipConnection, { description: "Your company's or your school's internships" })
  @Allow(Role.COMPANY, Role.SCHOOL)
  internships(@CurrentActor() actor: Actor, @Args() { status, ...page }: InternshipsArgs) {
    const column = actor.organizationType === OrganizationType.COMPANY ? 'companyId' : 'schoolId';
    const query = this.dataSource
      .getRepository(InternshipEntity)
      .createQueryBuilder('internship')
      .where(`internship.${column} = :org`, { org: actor.organizationId })
      .orderBy('internship.startDate')
      .addOrderBy('internship.id');
    if (status) query.andWhere('internship.status = :status', { status });
    return paginate(query, page);
  }

  /** R20: revealed to the company only now that both sides accepted (the reveal was audited then). */
  @ResolveField(() => StudentIdentityModel)
  @Allow(Role.COMPANY, Role.SCHOOL)
  student(@Parent() internship: InternshipEntity, @Loader(StudentIdentityLoader) loader: DataLoader<string, StudentIdentityEntity | null>) {
    return loader.load(internship.studentId);
  }
}
