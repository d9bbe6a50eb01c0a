import { Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../../common/auth/allow.decorator';
import { CurrentActor } from '../../../common/auth/request-context';
import { type Actor, Role } from '../../../common/auth/roles';
import { JSONObjectScalar } from '../../../common/graphql/scalars';
import { MyDataReads } from './my-data.reads';

@ObjectType('MyDataSection', { description: 'One kind of record held about you, every row of it (GDPR article 15)' })
export class MyDataSectionModel {
  @Field({ description: 'The kind of record: account, profile, identity, preferences, proposals, internships, poks, …' })
  name: string;

  @Field({ description: 'What the section holds' })
  description: string;

  @Field(() => [JSONObjectScalar], { description: 'Each record as stored, fields in camelCase' })
  rows: Record<string, unknown>[];
}

@ObjectType('MyData', { description: 'Everything Stagematch holds about you (GDPR article 15, issue #17), and nothing about anyone else' })
export class MyDataModel {
  @Field(() => ID, { description: 'The student you are' })
  studentId: string;

  @Field({ description: 'When this export was read' })
  generatedAt: Date;

  @Field(() => [MyDataSectionModel], { description: 'One section per kind of record, always all of them (an empty one has no rows)' })
  sections: MyDataSectionModel[];
}

@Resolver(() => MyDataModel)
export class MyDataResolver {
  constructor(private readonly reads: MyDataReads) {}

  @Query(() => MyDataModel, {
    description:
      'A student signed in as herself: everything held about her as JSON (GDPR article 15): account, profile and identity, preferences, proposals and match explanations, internships, POKs (every version, signatures), contact moments, evaluations, the discrimination reports she filed, her notifications and the audit entries about her. Nothing about another student',
  })
  @Allow(Role.STUDENT)
  myData(@CurrentActor() actor: Actor) {
    return this.reads.export(actor);
  }
}
