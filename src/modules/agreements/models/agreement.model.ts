import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Leerweg } from '../../../common/qualification';
import { AgreementStatus } from '../agreement.entity';

@ObjectType('AgreementCommitment', { implements: () => [NodeInterface] })
export class AgreementCommitmentModel {
  @Field(() => ID) id: string;

  @Field(() => Int, { description: '2027 = 2027/28' })
  schoolYear: number;

  @Field()
  crebo: string;

  @Field(() => Leerweg)
  leerweg: Leerweg;

  @Field(() => Int)
  places: number;
}

@ObjectType('AgreementFulfilment', { description: 'Counted over the placements and internships that match the parties, school year and crebo' })
export class AgreementFulfilmentModel extends AgreementCommitmentModel {
  @Field(() => Int, { description: 'Places committed' })
  committed: number;

  @Field(() => Int, { description: "Seats of the company's published placements for the crebo starting in the school year" })
  offered: number;

  @Field(() => Int, { description: "Internships of the school's students there" })
  started: number;

  @Field(() => Int)
  completed: number;

  @Field(() => Int, { description: 'Ended early' })
  terminated: number;

  @Field(() => LocalDateScalar, { description: 'By this day the committed places must be offered (AGREEMENT_FULFILMENT_DATE)' })
  dueOn: string;

  @Field({ description: 'Past dueOn with fewer places offered than committed (flagged and notified once)' })
  underFulfilled: boolean;
}

@ObjectType('Agreement', { implements: () => [NodeInterface], description: 'One version of a multi-year school–company agreement' })
export class AgreementModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'Shared by every version' })
  lineageId: string;

  @Field(() => Int)
  version: number;

  @Field(() => ID)
  schoolId: string;

  @Field(() => ID)
  companyId: string;

  @Field(() => AgreementStatus)
  status: AgreementStatus;

  @Field(() => LocalDateScalar)
  startDate: string;

  @Field(() => LocalDateScalar)
  endDate: string;

  @Field(() => Int, { description: 'R17: at least 3' })
  contactsPerPeriod: number;

  @Field()
  trainerTraining: boolean;

  @Field(() => Int)
  minimumStipendMonthlyCents: number;

  @Field()
  blindMatching: boolean;

  @Field(() => Date, { nullable: true })
  proposedAt: Date | null;

  @Field(() => ID, { nullable: true })
  schoolSignedByUserId: string | null;

  @Field(() => Date, { nullable: true })
  schoolSignedAt: Date | null;

  @Field(() => ID, { nullable: true })
  companySignedByUserId: string | null;

  @Field(() => Date, { nullable: true })
  companySignedAt: Date | null;

  @Field(() => String, { nullable: true })
  terminationReason: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  noticeDate: string | null;
}
export const AgreementConnection = ConnectionType(AgreementModel);
