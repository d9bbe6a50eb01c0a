import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MembershipRole } from '../../../common/auth/roles';
import { ConnectionType } from '../../../common/graphql/pagination';

@ObjectType('User', { implements: () => [NodeInterface] })
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  name: string;

  @Field(() => MembershipRole)
  role: MembershipRole;

  @Field(() => ID, { nullable: true, description: 'For a STUDENT user: the student she is (her profile is `myStudent`)' })
  studentId: string | null;

  @Field({ description: 'Her language, nl or en: of her e-mails and of the API’s error and rule messages' })
  language: string;

  @Field(() => ID)
  organizationId: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Set while an admin has deactivated her: she cannot sign in' })
  deactivatedAt: Date | null;
}

export const UserConnection = ConnectionType(UserModel);

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Send as `Authorization: Bearer <token>`' })
  token: string;

  @Field()
  expiresAt: Date;

  @Field(() => UserModel)
  user: UserModel;
}
