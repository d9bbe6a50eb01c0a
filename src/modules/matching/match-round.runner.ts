import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { dutchToday } from '../../queues/daily-run';
import { NormSetHistory } from '../compliance/placement-compliance';
import { EventType } from '../notifications/event-type';
import { recordEvent } from '../notifications/outbox';
import { blindPriority } from './blind-priority';
import { type MatchProblem, solveMatching } from './engine/deferred-acceptance';
import { explainStudent } from './engine/explain';
import { ineligibility, Ineligibility, INELIGIBILITY_MESSAGES } from './eligibility';
import type { ExplainedChoice } from './match-explanation.entity';
import { type Cutoff, MatchRoundEntity, MatchRoundStatus } from './match-round.entity';
import { loadPlacementFacts, type PlacementFacts, STUDENT_COLUMNS, type StudentFacts } from './placement-facts';
import { lotteryNumber } from './lottery';

type Student = StudentFacts & { prefs: string[] };

/** Seconds since `start`, to three decimals. */
const since = (start: number) => Math.round(performance.now() - start) / 1000;

const pseudonym = () => `Kandidaat ${randomBytes(5).toString('hex').toUpperCase()}`;

/**
 * Runs one round: load, eligibility, blind scoring, deferred acceptance, persist. The seed is the
 * round's; the norm-set version and the input hash are stored before solving. All results are
 * written in one transaction, so a crash leaves the round RUNNING with nothing half-written and
 * a re-run (BullMQ retries a stalled job) starts over with the same seed.
 */
export async function runMatchRound(dataSource: DataSource, roundId: string, offerExpiryDays: number): Promise<MatchRoundEntity> {
  const rounds = dataSource.getRepository(MatchRoundEntity);
  const round = await rounds.findOneByOrFail({ id: roundId });
  if (round.status === MatchRoundStatus.COMPLETED || round.status === MatchRoundStatus.FAILED) return round;
  await rounds.update({ id: roundId }, { status: MatchRoundStatus.RUNNING, startedAt: new Date() });
  try {
    return await solveAndPersist(dataSource, round, offerExpiryDays);
  } catch (error) {
    await rounds.update({ id: roundId }, { status: MatchRoundStatus.FAILED, error: (error as Error).message, completedAt: new Date() });
    throw error;
  }
}

async function solveAndPersist(dataSource: DataSource, round: MatchRoundEntity, offerExpiryDays: number): Promise<MatchRoundEntity> {
  const timings: Record<string, number> = {};
  let start = performance.now();
  const inRound = ['p.start_date BETWEEN $1 AND $2', "p.status <> 'CLOSED'", ...(round.region ? ['pc.province = $3'] : [])].join(' AND ');
  const placements = await loadPlacementFacts(dataSource.manager, inRound, [round.periodFrom, round.periodTo, ...(round.region ? [round.region] : [])]);
  const students = await dataSource.query<Student[]>(
    `WITH round_placements AS (SELECT unnest($1::uuid[]) AS id)
     SELECT ${STUDENT_COLUMNS}, array_agg(sp.placement_id::text ORDER BY sp.rank) AS prefs
       FROM students s JOIN postcodes pc ON pc.pc4 = s.home_postcode
       JOIN student_preferences sp ON sp.student_id = s.id
       LEFT JOIN round_placements rp ON rp.id = sp.placement_id
      WHERE s.archived_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM internships i WHERE i.student_id = s.id AND i.status = 'ACTIVE')
        AND NOT EXISTS (SELECT 1 FROM proposals o WHERE o.student_id = s.id AND o.status IN ('OPEN', 'ACCEPTED'))
      GROUP BY s.id, pc.lat, pc.lon
     HAVING bool_or(rp.id IS NOT NULL)`,
    [placements.map((p) => p.id)],
  );
  timings.load = since(start);

  // Eligibility and scoring build the solver's lists (CSR over integer indexes).
  start = performance.now();
  const placementIndex = new Map(placements.map((p, index) => [p.id, index]));
  const eligibleRanks: number[][] = []; // per student: the list rank (0-based) of each eligible entry
  const reasons: Map<number, Ineligibility>[] = [];
  const prefOffsets = new Int32Array(students.length + 1);
  const listPlacements: number[] = [];
  for (const [s, student] of students.entries()) {
    const ranks: number[] = [];
    const refused = new Map<number, Ineligibility>();
    student.prefs.forEach((placementId, rank) => {
      const index = placementIndex.get(placementId);
      const reason = index === undefined ? Ineligibility.OUT_OF_ROUND : ineligibility(student, placements[index]);
      if (reason) refused.set(rank, reason);
      else {
        ranks.push(rank);
        listPlacements.push(index!);
      }
    });
    eligibleRanks.push(ranks);
    reasons.push(refused);
    prefOffsets[s + 1] = listPlacements.length;
  }
  timings.eligibility = since(start);

  start = performance.now();
  const prefPlacements = Int32Array.from(listPlacements);
  const prefScores = new Float64Array(prefPlacements.length);
  for (let s = 0; s < students.length; s += 1) {
    for (let k = prefOffsets[s]; k < prefOffsets[s + 1]; k += 1) prefScores[k] = blindPriority(students[s], placements[prefPlacements[k]]);
  }
  const lottery = Float64Array.from(students, (student) => lotteryNumber(round.lotterySeed, student.id));
  const problem: MatchProblem = {
    studentCount: students.length,
    capacities: Int32Array.from(placements, (p) => Math.max(0, p.freeSeats)),
    prefOffsets,
    prefPlacements,
    prefScores,
    lottery,
  };
  timings.scoring = since(start);

  const normSetVersion = (await NormSetHistory.load(dataSource.manager)).inForceOn(dutchToday()).version;
  const inputHash = hashInput(students, placements, problem);
  await dataSource.getRepository(MatchRoundEntity).update({ id: round.id }, { normSetVersion, inputHash, students: students.length, placements: placements.length });

  start = performance.now();
  const outcome = solveMatching(problem);
  timings.solve = since(start);

  start = performance.now();
  const expiresAt = new Date(Date.now() + offerExpiryDays * 86_400_000);
  const matched = students.flatMap((student, s) => (outcome.assignment[s] >= 0 ? [s] : []));
  const cutoffs: Record<string, Cutoff | null> = Object.fromEntries(
    placements.map((p, index) => [p.id, Number.isNaN(outcome.cutoffScore[index]) ? null : { score: outcome.cutoffScore[index], lottery: outcome.cutoffLottery[index] }]),
  );
  const explanations = students.map((student, s) => explain(student, s, problem, outcome, placements, eligibleRanks[s], reasons[s]));
  const completed = await dataSource.transaction(async (manager) => {
    const current = await manager.findOneOrFail(MatchRoundEntity, { where: { id: round.id }, lock: { mode: 'pessimistic_write' } });
    if (current.status !== MatchRoundStatus.RUNNING) return current;
    const proposalIds = await manager.query<{ id: string }[]>(
      `INSERT INTO proposals (round_id, student_id, placement_id, company_id, school_id, pseudonym, rank, priority, expires_at)
       SELECT $1, student_id, placement_id, company_id, school_id, pseudonym, rank, priority, $2
         FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::int[], $9::float8[])
           AS v(student_id, placement_id, company_id, school_id, pseudonym, rank, priority)
       RETURNING id`,
      [
        round.id,
        expiresAt,
        matched.map((s) => students[s].id),
        matched.map((s) => placements[outcome.assignment[s]].id),
        matched.map((s) => placements[outcome.assignment[s]].companyId),
        matched.map((s) => students[s].schoolId),
        matched.map(() => pseudonym()),
        matched.map((s) => eligibleRanks[s][outcome.assignedRank[s]] + 1),
        matched.map((s) => prefScores[prefOffsets[s] + outcome.assignedRank[s]]),
      ],
    );
    await manager.query(
      `INSERT INTO match_explanations (round_id, student_id, placement_id, rank, choices)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::jsonb[])`,
      [
        round.id,
        students.map((student) => student.id),
        explanations.map((e) => e.placementId),
        explanations.map((e) => e.rank),
        explanations.map((e) => JSON.stringify(e.choices)),
      ],
    );
    await recordEvent(manager, EventType.PROPOSAL_MADE, proposalIds.map(({ id }) => ({ proposalId: id })));
    Object.assign(current, {
      status: MatchRoundStatus.COMPLETED,
      proposals: matched.length,
      unmatched: students.length - matched.length,
      cutoffs,
      completedAt: new Date(),
    });
    timings.persist = since(start);
    current.timings = timings;
    await manager.save(current);
    await recordAudit(manager, null, {
      action: 'match_round.completed',
      entityType: 'match_round',
      entityId: round.id,
      after: { students: students.length, placements: placements.length, proposals: matched.length, inputHash, normSetVersion, timings },
    });
    return current;
  });
  return completed;
}

/** SHA-256 over everything the solver sees, in a canonical order (students and placements by id). */
function hashInput(students: Student[], placements: PlacementFacts[], problem: MatchProblem): string {
  const hash = createHash('sha256');
  for (const index of placements.map((_, i) => i).sort((a, b) => (placements[a].id < placements[b].id ? -1 : 1))) {
    hash.update(`p ${placements[index].id} ${problem.capacities[index]}\n`);
  }
  for (const s of students.map((_, i) => i).sort((a, b) => (students[a].id < students[b].id ? -1 : 1))) {
    hash.update(`s ${students[s].id} ${problem.lottery[s]}`);
    for (let k = problem.prefOffsets[s]; k < problem.prefOffsets[s + 1]; k += 1) {
      hash.update(` ${placements[problem.prefPlacements[k]].id}:${problem.prefScores[k]}`);
    }
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** Her whole list up to what she got: the match, each higher choice's rejection, each ineligible entry. */
function explain(
  student: Student,
  s: number,
  problem: MatchProblem,
  outcome: ReturnType<typeof solveMatching>,
  placements: PlacementFacts[],
  eligibleRanks: number[],
  refused: Map<number, Ineligibility>,
): { placementId: string | null; rank: number | null; choices: ExplainedChoice[] } {
  const { got, rejections } = explainStudent(problem, outcome, s);
  const gotRank = got ? eligibleRanks[got.rank] : student.prefs.length;
  const choices: ExplainedChoice[] = [];
  for (const [rank, reason] of refused) {
    if (rank < gotRank) choices.push({ placementId: student.prefs[rank], rank: rank + 1, outcome: reason, message: INELIGIBILITY_MESSAGES[reason], priority: null, cutoff: null });
  }
  for (const rejection of rejections) {
    const full = rejection.reason === 'FULL_BELOW_CUTOFF';
    choices.push({
      placementId: placements[rejection.placement].id,
      rank: eligibleRanks[rejection.rank] + 1,
      outcome: rejection.reason,
      message: full ? 'full with students of higher priority (or equal priority and a better lottery number)' : 'the placement has no free seat',
      priority: full ? rejection.yourScore : null,
      cutoff: full ? rejection.cutoffScore : null,
    });
  }
  if (got) {
    const score = problem.prefScores[problem.prefOffsets[s] + got.rank];
    choices.push({ placementId: placements[got.placement].id, rank: gotRank + 1, outcome: 'MATCHED', message: 'matched: a proposal was made', priority: score, cutoff: null });
  }
  choices.sort((a, b) => a.rank - b.rank);
  return { placementId: got ? placements[got.placement].id : null, rank: got ? gotRank + 1 : null, choices };
}
