import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';

@ObjectType('AccreditationRefusal', { implements: () => [NodeInterface], description: 'SBB refused an application for an accreditation; re-application after six months (R3)' })
export class AccreditationRefusalModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  branchId: string;

  @Field(() => ID)
  companyId: string;

  @Field()
  crebo: string;

  @Field(() => LocalDateScalar)
  refusedOn: string;

  @Field()
  reason: string;
}

export const AccreditationRefusalConnection = ConnectionType(AccreditationRefusalModel);
