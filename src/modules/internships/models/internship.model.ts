import { NodeInterface } from '../../../common/graphql/node';
import { createUnionType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { ContactParticipant, ContactType } from '../contact-moment.entity';
import { Evaluator } from '../evaluation.entity';
import { DeclineReason } from '../../../common/decline-reason';
import { Leerweg } from '../../../common/qualification';
import { ComplianceRejection } from '../../compliance/models/compliance.model';
import { RegistrationStatus } from '../internship-registration.entity';
import { EarlyCompletionReason, InternshipStatus, TerminationCode } from '../internship.entity';
import { PokParty, PokSignatureWay, PokStatus } from '../pok.entity';

@ObjectType('InternshipEvaluation', { implements: () => [NodeInterface], description: 'An end evaluation (R18, R19)' })
export class InternshipEvaluationModel {
  @Field(() => ID) id: string;
  @Field(() => Evaluator) evaluator: Evaluator;
  @Field(() => Int) rating: number;
  @Field() satisfiedWithSchoolGuidance: boolean;
  @Field() satisfiedWithCompanyGuidance: boolean;
  @Field(() => String, { nullable: true }) comments: string | null;
  @Field() createdAt: Date;
}

@ObjectType('ContactMoment', { implements: () => [NodeInterface], description: 'A guidance contact during an internship (R17)' })
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
  @Field(() => ID, { description: "The POK version's id (the terms belong to one version)" }) id: string;
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
  @Field(() => Int, { nullable: true, description: 'BOL: the stipend (R15); BBL: the wage under her employment contract (R14). Euro cents a month; null on versions made before it was stated' })
  stipendMonthlyCents: number | null;
  @Field(() => Int, { nullable: true, description: 'Expense allowance (R13), euro cents a month' })
  expenseAllowanceCents: number | null;
  @Field(() => Boolean, { nullable: true, description: 'BBL: the employment contract R14 requires; false for BOL' })
  employmentContract: boolean | null;
  @Field() assessment: string;
  @Field() guidanceFrequency: string;
  @Field() terminationClause: string;
}

@ObjectType('PokSignature')
export class PokSignatureModel {
  @Field(() => PokParty) party: PokParty;
  @Field(() => ID, { description: "The user who recorded it; for a guardian's signature through an e-mailed link, that link's id" }) userId: string;
  @Field() at: Date;
  @Field(() => PokSignatureWay, { description: 'Signed by the party itself, recorded on its behalf by her school (audited), or by the guardian through the e-mailed link' }) way: PokSignatureWay;
}

@ObjectType('Pok', { implements: () => [NodeInterface], description: 'The praktijkovereenkomst (R8): the internship starts only when every required party has signed' })
export class PokModel {
  @Field(() => ID) id: string;
  @Field(() => Int) version: number;
  @Field(() => PokStatus) status: PokStatus;
  @Field({ description: 'The student is under 18 on the start date: her guardian signs too' }) guardianRequired: boolean;
  @Field(() => PokTermsModel) terms: PokTermsModel;
}

@ObjectType('Internship', { implements: () => [NodeInterface], description: 'A student placed after both sides accepted a proposal, or a self-found internship the company confirmed' })
export class InternshipModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true, description: 'The accepted proposal of a matched internship; null when self-found' })
  proposalId: string | null;

  @Field(() => ID, { nullable: true, description: 'The self-found registration it was confirmed from; null when matched' })
  registrationId: string | null;

  @Field(() => ID, { nullable: true, description: 'The placement whose seat it holds; null for a self-found internship recorded on a branch only' })
  placementId: string | null;

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

  @Field(() => String, { nullable: true, description: 'The note with an early end' })
  terminationReason: string | null;

  @Field(() => TerminationCode, { nullable: true, description: 'Why it was ended early' })
  terminationCode: TerminationCode | null;

  @Field(() => EarlyCompletionReason, { nullable: true, description: 'Why it was completed before its end date' })
  earlyCompletionReason: EarlyCompletionReason | null;

  @Field(() => String, { nullable: true, description: "Why it completed with fewer approved hours than 90% of the POK's total (R10)" })
  hoursShortfallReason: string | null;

  @Field({
    description:
      'Ended for DISCRIMINATION: the school is offered a meldpunt report (R22). File it with `fileDiscriminationReport(input: { companyId, internshipId, ground, description, incidentDate })`; the internship gives the student and placement',
  })
  meldpuntSuggested: boolean;

  @Field(() => ID, { description: 'The company (leerbedrijf): the `companyId` a meldpunt report on it names' })
  companyId: string;

  @Field()
  createdAt: Date;
}
export const InternshipConnection = ConnectionType(InternshipModel);

@ObjectType('InternshipRegistration', { implements: () => [NodeInterface],
  description: 'A self-found internship: registered by the school, confirmed (the Stagepact rules run) or declined (R21) by the company',
})
export class InternshipRegistrationModel {
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'Not blind (R20 governs matching): she went to the company herself' }) studentId: string;
  @Field(() => ID) schoolId: string;
  @Field(() => ID) companyId: string;
  @Field(() => ID) branchId: string;
  @Field(() => ID, { nullable: true }) placementId: string | null;
  @Field() crebo: string;
  @Field(() => Int) level: number;
  @Field(() => Leerweg) leerweg: Leerweg;
  @Field(() => LocalDateScalar) startDate: string;
  @Field(() => LocalDateScalar) endDate: string;
  @Field(() => Int) daysPerWeek: number;
  @Field(() => Int) hoursPerWeek: number;
  @Field(() => Int, { description: 'BOL: stipend (R15); BBL: wage (R14). Euro cents a month' }) stipendMonthlyCents: number;
  @Field(() => Int) expenseAllowanceCents: number;
  @Field({ description: 'BBL: employment contract (R14)' }) employmentContract: boolean;
  @Field(() => [String]) werkprocessen: string[];
  @Field(() => ID, { nullable: true }) trainerId: string | null;
  @Field(() => RegistrationStatus) status: RegistrationStatus;
  @Field(() => DeclineReason, { nullable: true }) declineReason: DeclineReason | null;
  @Field(() => String, { nullable: true }) declineNote: string | null;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'The internship once confirmed' }) internshipId: string | null;
  @Field({ description: 'The student registered it herself (issue #17): her school approved it, or still has to, before the company is asked' }) registeredByStudent: boolean;
  @Field(() => String, { nullable: true, description: "Her school's reason for rejecting a place she registered herself (REJECTED_BY_SCHOOL)" }) schoolRejectionReason: string | null;
  @Field() createdAt: Date;
}
export const InternshipRegistrationConnection = ConnectionType(InternshipRegistrationModel);

export const ConfirmInternshipResult = createUnionType({
  name: 'ConfirmInternshipResult',
  description: 'The PLANNED internship, or the Stagepact rules that refused it (BLOCK findings)',
  types: () => [InternshipModel, ComplianceRejection] as const,
  resolveType: (value) => (value instanceof ComplianceRejection ? ComplianceRejection : InternshipModel),
});

export const ChangePraktijkopleiderResult = createUnionType({
  name: 'ChangePraktijkopleiderResult',
  description: 'The next POK version naming her (signed again by every party, R9), or the rules (R5 employed here, R6 capacity, R7 qualification) that refuse her',
  types: () => [PokModel, ComplianceRejection] as const,
  resolveType: (value) => (value instanceof ComplianceRejection ? ComplianceRejection : PokModel),
});
