import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { OrganizationType } from '../../../common/auth/roles';
import { ConnectionType } from '../../../common/graphql/pagination';
import { Sector } from '../sector';

@ObjectType('Organization', { implements: () => [NodeInterface], description: 'A school, a leerbedrijf (company), SBB or the platform operator' })
export class OrganizationModel {
  @Field(() => ID)
  id: string;

  @Field(() => OrganizationType)
  type: OrganizationType;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'BRIN code (schools)' })
  brinCode: string | null;

  @Field(() => String, { nullable: true, description: 'KvK number (companies)' })
  kvkNumber: string | null;

  @Field(() => Sector, { nullable: true, description: 'SBB sector (companies)' })
  sector: Sector | null;

  @Field()
  createdAt: Date;
}

export const OrganizationConnection = ConnectionType(OrganizationModel);
