import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { withAdvisoryLock } from '../../database/advisory-lock';
import { NormSetHistory } from '../compliance/placement-compliance';
import { type MatchProblem, solveMatching } from './engine/deferred-acceptance';
import { explainStudent } from './engine/explain';
import { type Cutoff, type MatchRoundEntity, MatchRoundStatus } from './match-round.entity';
import { MatchingEvent } from './matching.events';
import {
  claimRound,
  copyProposals,
  extendLease,
  failRunningRound,
  forEachRoundStudentBatch,
  lockRound,
  type PlacementFacts,
  recordEventPerProposal,
  renewLease,
  replaceExplanations,
  roundOrFail,
  roundPlacementFacts,
  saveRound,
  updateRound,
} from './matching.repository';
import { RoundLists } from './round-lists';

/** Students per batch of the round's read. */
const STUDENT_BATCH = 10_000;

/**
 * Waits for every write, then fails with the first failure: no write of a round is still running
 * when its transaction ends or the next attempt begins.
 */
async function allSettledOrThrow(writes: Promise<unknown>[]): Promise<void> {
  const failure = (await Promise.allSettled(writes)).find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

/** Seconds since `start`, to three decimals. */
const since = (start: number) => Math.round(performance.now() - start) / 1000;

/** What a company calls a proposed student: 40 random bits per proposal, unique by constraint. */
const pseudonyms = (count: number): string[] => {
  const hex = randomBytes(5 * count).toString('hex').toUpperCase();
  return Array.from({ length: count }, (_, i) => `Kandidaat ${hex.slice(i * 10, i * 10 + 10)}`);
};

/**
 * Held by the round that solves: from loading its input until its proposals are committed. One
 * round at a time, whatever the queue does: two rounds over overlapping periods or regions would
 * otherwise both see the same students free and the same seats empty (issue #13). It is the first
 * lock a round takes (before any row lock: see "Lock order" in the README).
 */
export const MATCH_SOLVE_LOCK = 0x6d617463;

export interface RoundRunSettings {
  offerExpiryDays: number;
  /** Seconds the round's lease lasts; the runner renews it every third of that while it waits or works. */
  leaseSeconds: number;
}

/** What a round needs from outside matching; `MatchRoundsService` gives the app's, the bench its own. */
export interface RoundRunDependencies {
  now(): Date;
  today(): string;
  /** Runs `work` as one transaction: the round's results are written all at once or not at all. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** The students the round placed go back to ordinary priority, in that transaction (the students module owns the flag). */
  clearRematchPriority(studentIds: string[]): Promise<unknown>;
}

/**
 * Runs one round: load, eligibility, blind scoring, deferred acceptance, persist. The seed is the
 * round's; the norm-set version and the input hash are stored before solving. All results are
 * written in one transaction, so a worker that dies leaves the round RUNNING with nothing written
 * (the explanations, committed beside that transaction, are read only of a COMPLETED round and
 * replaced by the next attempt); its lease then lapses and a worker runs it again from the start
 * with the same seed (see `MatchRoundsService.recoverAbandoned`). Any number of runs of one round may be started: they
 * queue on the solve lock, and only the first to find it RUNNING writes anything.
 */
export async function runMatchRound(dataSource: DataSource, roundId: string, settings: RoundRunSettings, deps: RoundRunDependencies): Promise<MatchRoundEntity> {
  if (!(await claimRound(dataSource, roundId, settings.leaseSeconds))) return roundOrFail(dataSource.manager, roundId);
  const stopRenewing = keepLease(dataSource, roundId, settings.leaseSeconds);
  try {
    return await withAdvisoryLock(dataSource, MATCH_SOLVE_LOCK, async () => {
      const round = await roundOrFail(dataSource.manager, roundId);
      if (round.status !== MatchRoundStatus.RUNNING) return round; // another run finished it while this one waited
      round.startedAt = deps.now();
      await updateRound(dataSource.manager, roundId, { startedAt: round.startedAt });
      return solveAndPersist(dataSource, round, settings, deps);
    });
  } catch (error) {
    await failRunningRound(dataSource.manager, roundId, (error as Error).message, deps.now()).catch(() => undefined); // the database is gone too: the job's retry or the recovery runs it again
    throw error;
  } finally {
    stopRenewing();
  }
}

/** Renews the lease every third of it, one renewal at a time; returns what stops it. */
function keepLease(dataSource: DataSource, roundId: string, seconds: number): () => void {
  let renewing = false;
  const timer = setInterval(() => {
    if (renewing) return;
    renewing = true;
    renewLease(dataSource, roundId, seconds)
      .catch(() => undefined) // the next beat tries again; a lapsed lease only gets the round run twice, and written once
      .finally(() => (renewing = false));
  }, (seconds * 1000) / 3);
  return () => clearInterval(timer);
}

async function solveAndPersist(
  dataSource: DataSource,
  round: MatchRoundEntity,
  { offerExpiryDays, leaseSeconds }: RoundRunSettings,
  deps: RoundRunDependencies,
): Promise<MatchRoundEntity> {
  const timings: Record<string, number> = {};
  const start = performance.now();
  // Both in id order, on two connections at once: the order is canonical (the input hash relies
  // on it) and a student's list arrives as indexes into the placements. Each batch of students
  // goes through eligibility and blind scoring (the solver's lists, CSR over integer indexes)
  // while the next one is on its way.
  const loadingPlacements = roundPlacementFacts(dataSource.manager, round);
  let lists: RoundLists | undefined;
  let listing = 0;
  await forEachRoundStudentBatch(dataSource, round, STUDENT_BATCH, async (rows) => {
    lists ??= new RoundLists(await loadingPlacements, round.lotterySeed);
    const started = performance.now();
    for (const row of rows) lists.add(row);
    listing += performance.now() - started;
  });
  const placements = await loadingPlacements;
  lists ??= new RoundLists(placements, round.lotterySeed);
  const students = lists;
  const problem: MatchProblem = {
    studentCount: students.count,
    capacities: Int32Array.from(placements, (p) => Math.max(0, p.freeSeats)),
    ...students.problem(),
  };
  timings.load = Math.round(performance.now() - start - listing) / 1000;
  timings.lists = Math.round(listing) / 1000;

  const normSetVersion = (await NormSetHistory.load(dataSource.manager)).inForceOn(deps.today()).version;
  const inputHash = hashInput(students.ids, placements, problem);
  await updateRound(dataSource.manager, round.id, { normSetVersion, inputHash, students: students.count, placements: placements.length });

  let phase = performance.now();
  const outcome = solveMatching(problem);
  timings.solve = since(phase);

  phase = performance.now();
  const expiresAt = new Date(deps.now().getTime() + offerExpiryDays * 86_400_000);
  const matched: number[] = [];
  for (let s = 0; s < students.count; s += 1) if (outcome.assignment[s] >= 0) matched.push(s);
  const placementIds = placements.map((p) => p.id);
  const cutoffs: Record<string, Cutoff | null> = Object.fromEntries(
    placements.map((p, index) => [p.id, Number.isNaN(outcome.cutoffScore[index]) ? null : { score: outcome.cutoffScore[index], lottery: outcome.cutoffLottery[index] }]),
  );
  const completed = await deps.transaction(async (manager) => {
    const current = await lockRound(manager, round.id);
    if (current.status !== MatchRoundStatus.RUNNING) return current;
    await extendLease(manager, round.id, leaseSeconds);
    const names = pseudonyms(matched.length);
    // The explanations go in at the same time on a connection of their own (PostgreSQL writes
    // both on two cores); they count only once this transaction makes the round COMPLETED.
    await allSettledOrThrow([
      copyProposals(
        manager,
        (function* () {
          for (const [i, s] of matched.entries()) {
            const placement = placements[outcome.assignment[s]];
            const k = problem.prefOffsets[s] + outcome.assignedRank[s];
            yield [round.id, students.ids[s], placement.id, placement.companyId, students.schoolIds[s], names[i], students.rankOf(k) + 1, problem.prefScores[k], expiresAt];
          }
        })(),
      ),
      replaceExplanations(
        dataSource,
        round.id,
        (function* () {
          for (let s = 0; s < students.count; s += 1) {
            const e = explain(students, s, problem, outcome, placementIds);
            yield [round.id, students.ids[s], e.placement, e.rank, e.ranks, e.outcomes, e.placements, e.priorities, e.outsideRound];
          }
        })(),
      ),
    ]);
    await deps.clearRematchPriority(students.ids);
    // One PROPOSAL_MADE event per proposal, in one statement (a national round's ids are too many to bring back).
    await recordEventPerProposal(manager, MatchingEvent.PROPOSAL_MADE, round.id);
    Object.assign(current, {
      status: MatchRoundStatus.COMPLETED,
      leaseUntil: null,
      proposals: matched.length,
      unmatched: students.count - matched.length,
      cutoffs,
      placementIds,
      completedAt: deps.now(),
    });
    timings.persist = since(phase);
    current.timings = timings;
    await saveRound(manager, current);
    await recordAudit(manager, null, {
      action: 'match_round.completed',
      entityType: 'match_round',
      entityId: round.id,
      after: { students: students.count, placements: placements.length, proposals: matched.length, inputHash, normSetVersion, timings },
    });
    return current;
  });
  return completed;
}

/** SHA-256 over everything the solver sees; students and placements come in id order, so it is canonical. */
function hashInput(studentIds: string[], placements: PlacementFacts[], problem: MatchProblem): string {
  const hash = createHash('sha256');
  hash.update(placements.map((p) => p.id).join(',')).update(studentIds.join(','));
  for (const array of [problem.capacities, problem.prefOffsets, problem.prefPlacements, problem.prefScores, problem.lottery]) {
    hash.update(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
  }
  return hash.digest('hex');
}

/** Her list up to what she got (all of it when unmatched): each choice's outcome and her priority there. */
function explain(lists: RoundLists, s: number, problem: MatchProblem, outcome: ReturnType<typeof solveMatching>, placementIds: string[]) {
  const { got, rejections } = explainStudent(problem, outcome, s);
  const list = lists.list(s);
  const begin = problem.prefOffsets[s];
  const gotRank = got ? lists.rankOf(begin + got.rank) : list.placements.length;
  const choices: { rank: number; outcome: string; placement: number; priority: number | null }[] = [];
  for (let rank = 0; rank < gotRank; rank += 1) {
    const reason = list.refusals[rank];
    if (reason) choices.push({ rank: rank + 1, outcome: reason, placement: list.placements[rank], priority: null });
  }
  for (const rejection of rejections) {
    const priority = rejection.reason === 'FULL_BELOW_CUTOFF' ? rejection.yourScore : null;
    choices.push({ rank: lists.rankOf(begin + rejection.rank) + 1, outcome: rejection.reason, placement: rejection.placement, priority });
  }
  if (got) choices.push({ rank: gotRank + 1, outcome: 'MATCHED', placement: got.placement, priority: problem.prefScores[begin + got.rank] });
  choices.sort((a, b) => a.rank - b.rank);
  const outsideRound = list.outsideRound.slice(0, choices.filter((c) => c.placement < 0).length);
  return {
    placement: got ? placementIds[got.placement] : null,
    rank: got ? gotRank + 1 : null,
    ranks: choices.map((c) => c.rank),
    outcomes: choices.map((c) => c.outcome),
    placements: choices.map((c) => c.placement),
    priorities: choices.map((c) => c.priority),
    outsideRound,
  };
}
