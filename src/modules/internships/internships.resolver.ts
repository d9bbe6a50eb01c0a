import { Args, ArgsType, Field, ID, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
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
import { InternshipEntity, InternshipStatus } from './internship.entity';

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

@Resolver(() => InternshipModel)
export class InternshipsResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
