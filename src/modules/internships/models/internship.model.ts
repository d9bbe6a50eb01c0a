import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { ContactParticipant, ContactType } from '../contact-moment.entity';
import { Evaluator } from '../evaluation.entity';
import { InternshipStatus } from '../internship.entity';
import { PokParty, PokStatus } from '../pok.entity';

@ObjectType('InternshipEvaluation', { description: 'An end evaluation (R18, R19)' })
export class InternshipEvaluationModel {
  @Field(() => Evaluator) evaluator: Evaluator;
  @Field(() => Int) rating: number;
  @Field() satisfiedWithSchoolGuidance: boolean;
  @Field() satisfiedWithCompanyGuidance: boolean;
  @Field(() => String, { nullable: true }) comments: string | null;
  @Field() createdAt: Date;
}

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
export const InternshipConnection = ConnectionType(InternshipModel);
