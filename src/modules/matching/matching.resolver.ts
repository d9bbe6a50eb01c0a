import { Args, createUnionType, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { ConnectionArgs } from '../../common/graphql/pagination';
import { Loader } from '../../common/graphql/request-loaders';
import { PlacementModel } from '../placements/models/placement.model';
import type { PlacementEntity } from '../placements/placement.entity';
import { AnswerProposalInput, OpenMatchRoundInput, ProposalsArgs, SetPreferencesArgs } from './dto/matching.input';
import { BlindCandidateLoader, PlacementByIdLoader } from './matching.loaders';
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
} from './models/matching.model';
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

  @Mutation(() => SetPreferencesResult, { description: "School staff: a student's ranked placements (best first); each must be eligible for her" })
  @Allow(Role.SCHOOL)
  async setStudentPreferences(@CurrentActor() actor: Actor, @Args() { studentId, placementIds, completeWithSuggestions }: SetPreferencesArgs) {
    const result = await this.preferences.set(actor, studentId, placementIds, completeWithSuggestions);
    return result instanceof IneligiblePreferences ? result : { studentId, entries: result };
  }

  @Query(() => StudentPreferenceListModel, { description: "Your student's ranked list" })
  @Allow(Role.SCHOOL)
  async studentPreferences(@CurrentActor() actor: Actor, @Args('studentId', { type: () => ID }) studentId: string) {
    return { studentId, entries: await this.preferences.list(actor, studentId) };
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

  @ResolveField(() => String, {
    nullable: true,
    description:
      'The seed of every lottery number in the round (stored before it runs), for PLATFORM and SBB only (they can reproduce and audit the tie-breaks); null for schools and companies, who could otherwise compute every lottery number',
  })
  @Allow(Role.AUTHENTICATED)
  lotterySeed(@CurrentActor() actor: Actor, @Parent() round: MatchRoundEntity): string | null {
    return MatchingPolicy.maySeeLotterySeed(actor) ? round.lotterySeed : null;
  }

  @Query(() => ProposalModel, { description: "One proposal: the company's (a blind candidate) or the school's for its student; anyone else's is NOT_FOUND" })
  @Allow(Role.COMPANY, Role.SCHOOL)
  proposal(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.offers.find(actor, sideOf(actor), id);
  }

  @Query(() => ProposalConnection, { description: "A company's proposals (blind candidates), or a school's proposals for its students" })
  @Allow(Role.COMPANY, Role.SCHOOL)
  proposals(@CurrentActor() actor: Actor, @Args() args: ProposalsArgs) {
    return this.offers.list(actor, sideOf(actor), args);
  }

  @Mutation(() => ProposalModel, {
    description: 'The company or (for the student) the school accepts or declines; a company decline needs a reason code (R21). When both accept, an internship takes the seat.',
  })
  @Allow(Role.COMPANY, Role.SCHOOL)
  answerProposal(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input') input: AnswerProposalInput) {
    return this.offers.answer(actor, sideOf(actor), id, input);
  }
}

@Resolver(() => ProposalModel)
export class ProposalFieldsResolver {
  @ResolveField(() => BlindCandidateModel, { description: 'R20: the student as the company sees her, without identity or school' })
  @Allow(Role.COMPANY, Role.SCHOOL)
  candidate(@Parent() proposal: ProposalEntity, @Loader(BlindCandidateLoader) loader: DataLoader<string, Omit<BlindCandidateModel, 'pseudonym' | 'id'> | null>) {
    return loader.load(proposal.studentId).then((profile) => ({ ...profile!, id: proposal.id, pseudonym: proposal.pseudonym }));
  }

  @ResolveField(() => ID, { nullable: true, description: "The student's id: for her school only (null for the company)" })
  @Allow(Role.COMPANY, Role.SCHOOL)
  studentId(@CurrentActor() actor: Actor, @Parent() proposal: ProposalEntity) {
    return MatchingPolicy.studentIdVisibleTo(actor, proposal);
  }

  @ResolveField(() => PlacementModel)
  @Allow(Role.COMPANY, Role.SCHOOL)
  placement(@Parent() proposal: ProposalEntity, @Loader(PlacementByIdLoader) loader: DataLoader<string, PlacementEntity | null>) {
    return loader.load(proposal.placementId);
  }
}
