import { Args, createUnionType, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { ConnectionArgs } from '../../common/graphql/pagination';
import { Loader } from '../../common/graphql/request-loaders';
import { PlacementModel } from '../placements/models/placement.model';
import type { PlacementEntity } from '../placements/placement.entity';
import { AnswerProposalInput, OpenMatchRoundInput, ProposalsArgs, SetMyPreferencesArgs, SetPreferencesArgs } from './dto/matching.input';
import { BlindCandidateLoader, ExplanationLoader, explanationKey, PlacementByIdLoader } from './matching.loaders';
import { MatchRoundsService } from './match-rounds.service';
import {
  BlindCandidateModel,
  IneligiblePreferences,
  MatchExplanationModel,
  MatchRoundConnection,
  MatchRoundModel,
  ProposalConnection,
  ProposalModel,
  StudentPreferenceListModel,
  StudentPreferenceModel,
} from './models/matching.model';
import type { StudentPreferenceEntity } from './student-preference.entity';
import type { MatchRoundEntity } from './match-round.entity';
import type { ProposalEntity } from './proposal.entity';
import { PreferencesService } from './preferences.service';
import { MatchingPolicy } from './matching.policy';
import { ProposalsService } from './proposals.service';

const SetPreferencesResult = createUnionType({
  name: 'SetPreferencesResult',
  types: () => [StudentPreferenceListModel, IneligiblePreferences] as const,
  resolveType: (value: object) => (value instanceof IneligiblePreferences ? IneligiblePreferences : StudentPreferenceListModel),
});

const sideOf = (actor: Actor) => MatchingPolicy.sideOf(actor);

@Resolver(() => MatchRoundModel)
export class MatchingResolver {
  constructor(
    private readonly preferences: PreferencesService,
    private readonly rounds: MatchRoundsService,
    private readonly offers: ProposalsService,
  ) {}

  @Mutation(() => SetPreferencesResult, {
    description: "School staff: a student's ranked placements (best first); each must be eligible for her. Also while her school locked her list (lockStudentPreferences)",
  })
  @Allow(Role.SCHOOL)
  setStudentPreferences(@CurrentActor() actor: Actor, @Args() { studentId, placementIds, completeWithSuggestions }: SetPreferencesArgs) {
    return this.preferences.set(actor, studentId, placementIds, completeWithSuggestions);
  }

  @Mutation(() => SetPreferencesResult, {
    description:
      'A student signed in as herself (issue #17): her own ranked placements (best first), under the same eligibility rules as setStudentPreferences (IneligiblePreferences, nothing stored). While her school has locked her list before a round: BAD_USER_INPUT rule PREFERENCES_LOCKED, nothing stored. Audited',
  })
  @Allow(Role.STUDENT)
  setMyPreferences(@CurrentActor() actor: Actor, @Args() { placementIds, completeWithSuggestions }: SetMyPreferencesArgs) {
    return this.preferences.set(actor, actor.studentId!, placementIds, completeWithSuggestions);
  }

  @Query(() => StudentPreferenceListModel, { description: "Your student's ranked list, and whether it is locked" })
  @Allow(Role.SCHOOL)
  studentPreferences(@CurrentActor() actor: Actor, @Args('studentId', { type: () => ID }) studentId: string) {
    return this.preferences.list(actor, studentId);
  }

  @Query(() => StudentPreferenceListModel, { description: 'A student signed in as herself (issue #17): her own ranked list, and whether her school locked it' })
  @Allow(Role.STUDENT)
  myPreferences(@CurrentActor() actor: Actor) {
    return this.preferences.list(actor, actor.studentId!);
  }

  @Mutation(() => StudentPreferenceListModel, {
    description:
      "Her school's staff lock a student's list before a round (issue #17): she can no longer change it herself (setMyPreferences: PREFERENCES_LOCKED); her school still can. Locking a locked list changes nothing. Audited. Another school's student: NOT_FOUND",
  })
  @Allow(Role.SCHOOL)
  lockStudentPreferences(@CurrentActor() actor: Actor, @Args('studentId', { type: () => ID }) studentId: string) {
    return this.preferences.setLocked(actor, studentId, true);
  }

  @Mutation(() => StudentPreferenceListModel, {
    description: "Her school's staff unlock a student's list: she may change it herself again. Unlocking an unlocked list changes nothing. Audited. Another school's student: NOT_FOUND",
  })
  @Allow(Role.SCHOOL)
  unlockStudentPreferences(@CurrentActor() actor: Actor, @Args('studentId', { type: () => ID }) studentId: string) {
    return this.preferences.setLocked(actor, studentId, false);
  }

  @Mutation(() => MatchRoundModel, { description: 'PLATFORM admins: a round for a region and period, run by the worker' })
  @Allow(Role.PLATFORM_ADMIN)
  openMatchRound(@CurrentActor() actor: Actor, @Args('input') input: OpenMatchRoundInput) {
    return this.rounds.open(actor, input);
  }

  @Mutation(() => MatchRoundModel, {
    description: 'PLATFORM admins: run a FAILED round again, or a RUNNING one whose worker is gone (same seed; audited). Other statuses: CONFLICT',
  })
  @Allow(Role.PLATFORM_ADMIN)
  rerunMatchRound(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.rounds.rerun(actor, id);
  }

  @Query(() => MatchRoundConnection)
  @Allow(Role.PLATFORM, Role.SBB)
  matchRounds(@Args() page: ConnectionArgs) {
    return this.rounds.list(page);
  }

  @Query(() => MatchRoundModel)
  @Allow(Role.AUTHENTICATED)
  matchRound(@Args('id', { type: () => ID }) id: string) {
    return this.rounds.find(id);
  }

  @Query(() => MatchExplanationModel, { description: "For the student's school: what she got and why not each higher choice" })
  @Allow(Role.SCHOOL)
  matchExplanation(
    @CurrentActor() actor: Actor,
    @Args('studentId', { type: () => ID }) studentId: string,
    @Args('roundId', { type: () => ID }) roundId: string,
  ) {
    return this.rounds.explanation(actor, studentId, roundId);
  }

  @Query(() => MatchExplanationModel, {
    nullable: true,
    description:
      'A student signed in as herself (issue #17): what she got in a round and why not each higher choice; by default the last round that considered her (null when none did). A round that did not consider her: NOT_FOUND',
  })
  @Allow(Role.STUDENT)
  myMatchExplanation(@CurrentActor() actor: Actor, @Args('roundId', { type: () => ID, nullable: true }) roundId?: string) {
    return this.rounds.ownExplanation(actor, roundId ?? null);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'The seed of every lottery number in the round (stored before it runs), for PLATFORM and SBB only (they can reproduce and audit the tie-breaks); null for schools and companies, who could otherwise compute every lottery number',
  })
  @Allow(Role.AUTHENTICATED)
  lotterySeed(@CurrentActor() actor: Actor, @Parent() round: MatchRoundEntity): string | null {
    return MatchingPolicy.maySeeLotterySeed(actor) ? round.lotterySeed : null;
  }

  @Query(() => ProposalModel, {
    description: "One proposal: the company's (a blind candidate), the school's for its student, or a student's own (issue #17); anyone else's is NOT_FOUND",
  })
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  proposal(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.offers.find(actor, sideOf(actor), id);
  }

  @Query(() => ProposalConnection, {
    description: "A company's proposals (blind candidates), a school's proposals for its students, or a student's own (issue #17: only hers, whatever the filter)",
  })
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  proposals(@CurrentActor() actor: Actor, @Args() args: ProposalsArgs) {
    return this.offers.list(actor, sideOf(actor), args);
  }

  @Mutation(() => ProposalModel, {
    description:
      "The company, or the student, accepts or declines; a company's decline needs a reason code (R21), and so does a student's (rule DECLINE_REASON_REQUIRED). The student answers herself when signed in with her own account (issue #17); her school answers on her behalf only while she has no active account (studentAnsweredBy SCHOOL_ON_BEHALF, audited as on her behalf, no reason code), and once she has one the school is refused: BAD_USER_INPUT on `id`, rule STUDENT_ANSWERS_HERSELF. When both accept, an internship takes the seat.",
  })
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  answerProposal(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input') input: AnswerProposalInput) {
    return this.offers.answer(actor, sideOf(actor), id, input);
  }
}

@Resolver(() => StudentPreferenceListModel)
export class StudentPreferenceListFieldsResolver {
  @ResolveField(() => ID, { description: "Her student id (one list per student), so a client cache keys on it" })
  @Allow(Role.SCHOOL, Role.STUDENT)
  id(@Parent() list: StudentPreferenceListModel): string {
    return list.studentId;
  }
}

@Resolver(() => StudentPreferenceModel)
export class StudentPreferenceFieldsResolver {
  @ResolveField(() => PlacementModel, { description: 'The placement ranked: its public details (for the student herself too)' })
  @Allow(Role.SCHOOL, Role.STUDENT)
  placement(@Parent() entry: StudentPreferenceEntity, @Loader(PlacementByIdLoader) loader: DataLoader<string, PlacementEntity | null>) {
    return loader.load(entry.placementId);
  }
}

@Resolver(() => ProposalModel)
export class ProposalFieldsResolver {
  @ResolveField(() => BlindCandidateModel, { description: 'R20: the student as the company sees her, without identity or school' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  candidate(@Parent() proposal: ProposalEntity, @Loader(BlindCandidateLoader) loader: DataLoader<string, Omit<BlindCandidateModel, 'pseudonym' | 'id'> | null>) {
    return loader.load(proposal.studentId).then((profile) => ({ ...profile!, id: proposal.id, pseudonym: proposal.pseudonym }));
  }

  @ResolveField(() => ID, { nullable: true, description: "The student's id: for her school and herself (null for the company)" })
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  studentId(@CurrentActor() actor: Actor, @Parent() proposal: ProposalEntity) {
    return MatchingPolicy.studentIdVisibleTo(actor, proposal);
  }

  @ResolveField(() => PlacementModel, {
    description:
      "The placement proposed. A student sees its public details (title, hours, stipend, werkprocessen, its company and branch with city); its company's internals (findings, praktijkopleider) stay FORBIDDEN to her",
  })
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  placement(@Parent() proposal: ProposalEntity, @Loader(PlacementByIdLoader) loader: DataLoader<string, PlacementEntity | null>) {
    return loader.load(proposal.placementId);
  }

  @ResolveField(() => MatchExplanationModel, {
    nullable: true,
    description: 'For the student herself and her school: her explanation in the round that made this proposal (why not each higher choice); null for the company',
  })
  @Allow(Role.COMPANY, Role.SCHOOL, Role.STUDENT)
  explanation(@CurrentActor() actor: Actor, @Parent() proposal: ProposalEntity, @Loader(ExplanationLoader) loader: DataLoader<string, MatchExplanationModel | null>) {
    return MatchingPolicy.studentIdVisibleTo(actor, proposal) ? loader.load(explanationKey(proposal)) : null;
  }
}
