import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MembershipRole } from '../../../common/auth/roles';
import { ConnectionType } from '../../../common/graphql/pagination';

export enum InvitationStatus {
  OPEN = 'OPEN',
  EXPIRED = 'EXPIRED',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
}
registerEnumType(InvitationStatus, { name: 'InvitationStatus', description: 'OPEN until accepted, revoked or seven days after it was last sent (EXPIRED: send it again)' });

@ObjectType('Invitation', { implements: () => [NodeInterface], description: "An admin's invitation of a colleague by e-mail; the link in it is single-use" })
export class InvitationModel {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  name: string;

  @Field(() => MembershipRole)
  role: MembershipRole;

  @Field({ description: 'Her language, nl or en: of the e-mail' })
  language: string;

  @Field(() => InvitationStatus)
  status: InvitationStatus;

  @Field()
  createdAt: Date;

  @Field()
  expiresAt: Date;

  @Field(() => ID, { nullable: true, description: 'The user she became' })
  userId: string | null;
}

export const InvitationConnection = ConnectionType(InvitationModel);
