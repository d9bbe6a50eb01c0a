import { NodeInterface } from '../../../common/graphql/node';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Leerweg } from '../../../common/qualification';
import { Ineligibility } from '../eligibility';
import { MatchRoundStatus } from '../match-round.entity';
import { Answer, DeclineReason, ProposalStatus, StudentAnswerBy } from '../proposal.entity';

@ObjectType('IneligibleEntry')
export class IneligibleEntryModel {
  @Field(() => ID)
  placementId: string;

  @Field(() => Int, { description: '0-based position in the list sent' })
  position: number;

  @Field(() => Ineligibility)
  reason: Ineligibility;

  @Field()
  message: string;
}

/** A business outcome: the list was refused because entries break a hard constraint; nothing was stored. */
@ObjectType('IneligiblePreferences', { description: 'The list was refused: these entries cannot be matched; nothing was stored' })
export class IneligiblePreferences {
  @Field(() => String, { description: 'Always INELIGIBLE_PREFERENCES' })
  readonly code = 'INELIGIBLE_PREFERENCES';

  @Field()
  message: string;

  @Field(() => [IneligibleEntryModel])
  entries: IneligibleEntryModel[];

  constructor(entries: IneligibleEntryModel[]) {
    this.entries = entries;
    this.message = `${entries.length} placement${entries.length > 1 ? 's' : ''} cannot be matched to this student: ${entries
      .map((entry) => `#${entry.position + 1} ${entry.message}`)
      .join('; ')}`;
  }
}

@ObjectType('StudentPreference')
export class StudentPreferenceModel {
  @Field(() => Int, { description: '1 = first choice' })
  rank: number;

  @Field(() => ID)
  placementId: string;

  @Field({ description: 'Added by a suggestion rather than chosen' })
  suggested: boolean;
}

@ObjectType('StudentPreferenceList')
export class StudentPreferenceListModel {
  @Field(() => ID)
  studentId: string;

  @Field(() => [StudentPreferenceModel])
  entries: StudentPreferenceModel[];

  @Field({ description: 'Locked by her school before a round (lockStudentPreferences): she cannot change it herself, her school still can' })
  locked: boolean;

  @Field(() => Date, { nullable: true, description: 'When her school locked it; null while it is not locked' })
  lockedAt: Date | null;
}

@ObjectType('MatchRound', { implements: () => [NodeInterface] })
export class MatchRoundModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'A province, or null for the whole country' })
  region: string | null;

  @Field(() => LocalDateScalar)
  periodFrom: string;

  @Field(() => LocalDateScalar)
  periodTo: string;

  @Field(() => MatchRoundStatus)
  status: MatchRoundStatus;

  /** Resolved per actor (MatchingResolver.lotterySeed): PLATFORM and SBB only. */
  lotterySeed: string;

  @Field(() => Int, { nullable: true })
  normSetVersion: number | null;

  @Field(() => String, { nullable: true, description: "SHA-256 of the solver's input" })
  inputHash: string | null;

  @Field(() => Int)
  students: number;

  @Field(() => Int)
  placements: number;

  @Field(() => Int)
  proposals: number;

  @Field(() => Int)
  unmatched: number;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => Int, { description: 'How often it was queued again: after its worker died, or by rerunMatchRound' })
  attempt: number;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;
}
export const MatchRoundConnection = ConnectionType(MatchRoundModel);

@ObjectType('BlindCandidate', { description: 'R20: what a company sees of a proposed student — nothing that identifies her or her school' })
export class BlindCandidateModel {
  @Field(() => ID, { description: "The proposal's id: a candidate is one proposal's view of a student, never her own id (R20)" })
  id: string;

  @Field({ description: 'Unique to this proposal' })
  pseudonym: string;

  @Field()
  crebo: string;

  @Field(() => Int)
  level: number;

  @Field(() => Leerweg)
  leerweg: Leerweg;

  @Field()
  learningWish: string;

  @Field(() => [String])
  werkprocessen: string[];

  @Field(() => LocalDateScalar)
  availableFrom: string;

  @Field(() => LocalDateScalar)
  availableUntil: string;

  @Field(() => Int)
  daysPerWeek: number;

  @Field(() => Int)
  hoursPerWeek: number;

  @Field(() => String, { nullable: true })
  accessibilityNeeds: string | null;
}

@ObjectType('Proposal', { implements: () => [NodeInterface], description: 'The matcher offers a placement to a student; both sides answer' })
export class ProposalModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  placementId: string;

  @Field(() => ProposalStatus)
  status: ProposalStatus;

  @Field(() => Int, { description: "The placement's position in the student's list" })
  rank: number;

  @Field(() => Float, { description: 'The blind priority (0–100) the placement gave the student' })
  priority: number;

  @Field(() => Answer)
  companyAnswer: Answer;

  @Field(() => DeclineReason, { nullable: true })
  declineReason: DeclineReason | null;

  @Field(() => Answer)
  studentAnswer: Answer;

  @Field(() => StudentAnswerBy, { nullable: true, description: "Who gave the student's answer: she herself, or her school on her behalf (issue #17); null while it is PENDING" })
  studentAnsweredBy: StudentAnswerBy | null;

  @Field()
  expiresAt: Date;

  @Field()
  createdAt: Date;
}
export const ProposalConnection = ConnectionType(ProposalModel);

@ObjectType('ExplainedChoice')
export class ExplainedChoiceModel {
  @Field(() => ID)
  placementId: string;

  @Field(() => Int)
  rank: number;

  @Field({ description: 'MATCHED, FULL_BELOW_CUTOFF (full with higher priorities), or an Ineligibility reason' })
  outcome: string;

  @Field()
  message: string;

  @Field(() => Float, { nullable: true, description: 'Her priority there' })
  priority: number | null;

  @Field(() => Float, { nullable: true, description: 'The lowest priority admitted there' })
  cutoff: number | null;
}

@ObjectType('MatchExplanation', { description: 'What the student got in a round and, for each choice above it, why not' })
export class MatchExplanationModel {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  studentId: string;

  @Field(() => ID, { nullable: true })
  placementId: string | null;

  @Field(() => Int, { nullable: true })
  rank: number | null;

  @Field(() => [ExplainedChoiceModel], { description: 'Her choices up to and including what she got (all of them when unmatched)' })
  choices: ExplainedChoiceModel[];
}
