import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MembershipRole } from '../../../common/auth/roles';
import { ConnectionType } from '../../../common/graphql/pagination';

@ObjectType('ApiKey', { implements: () => [NodeInterface], description: "A system's key to the API, acting for its organization with its role" })
export class ApiKeyModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => MembershipRole)
  role: MembershipRole;

  @Field({ description: 'The first characters of its secret, to tell keys apart' })
  prefix: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Its latest use, to within a few seconds' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

export const ApiKeyConnection = ConnectionType(ApiKeyModel);

@ObjectType('CreatedApiKey')
export class CreatedApiKeyModel {
  @Field(() => ApiKeyModel)
  apiKey: ApiKeyModel;

  @Field({ description: 'Shown this once and stored only hashed: send as `Authorization: Bearer sm_…`' })
  secret: string;
}
