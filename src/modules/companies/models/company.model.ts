import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { AccreditationLapseReason, AccreditationStatus } from '../accreditation.entity';

@ObjectType('BranchAddress')
export class BranchAddressModel {
  @Field()
  street: string;

  @Field()
  houseNumber: string;

  @Field()
  postcode: string;

  @Field()
  city: string;
}

@ObjectType('Branch', { implements: () => [NodeInterface], description: 'A vestiging of a leerbedrijf' })
export class BranchModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  companyId: string;

  @Field()
  name: string;

  @Field({ description: 'PC4 postcode area, always public' })
  pc4: string;

  @Field()
  city: string;

  @Field()
  addressHidden: boolean;
}

@ObjectType('Accreditation', { implements: () => [NodeInterface], description: 'An SBB erkenning of a branch for one crebo (R1–R3)' })
export class AccreditationModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  branchId: string;

  @Field(() => ID)
  companyId: string;

  @Field()
  crebo: string;

  @Field(() => AccreditationStatus)
  status: AccreditationStatus;

  @Field(() => LocalDateScalar)
  grantedOn: string;

  @Field(() => LocalDateScalar, { nullable: true })
  validUntil: string | null;

  @Field(() => LocalDateScalar)
  lastReviewedOn: string;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true })
  revocationReason: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When it lapsed (R3)' })
  lapsedOn: string | null;

  @Field(() => AccreditationLapseReason, { nullable: true })
  lapseReason: AccreditationLapseReason | null;
}

export const AccreditationConnection = ConnectionType(AccreditationModel);

@ObjectType('Trainer', { implements: () => [NodeInterface], description: "A praktijkopleider; visible to its own company and SBB" })
export class TrainerModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  companyId: string;

  @Field(() => ID, { nullable: true })
  branchId: string | null;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => Int)
  qualificationLevel: number;

  @Field(() => Int)
  yearsOfExperience: number;

  @Field(() => LocalDateScalar, { nullable: true })
  courseCompletedOn: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  refresherCompletedOn: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  sectorTrainingCompletedOn: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  sectorTrainingDeadline: string | null;
}
