import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { dutchToday } from '../../queues/daily-run';
import { NormSetHistory } from '../compliance/placement-compliance';
import { EventType } from '../notifications/event-type';
import { blindPriority } from './blind-priority';
import { type MatchProblem, solveMatching } from './engine/deferred-acceptance';
import { explainStudent } from './engine/explain';
import { ineligibility, Ineligibility } from './eligibility';
import { type Cutoff, MatchRoundEntity, MatchRoundStatus } from './match-round.entity';
import { loadPlacementFacts, type PlacementFacts, STUDENT_COLUMNS, type StudentFacts } from './placement-facts';
import { lotteryNumber } from './lottery';

/**
 * A student with her list as placement indexes into the round's placements (-1: outside the
 * round); integers instead of 2 million id strings keep a national round within its memory budget.
 */
type Student = StudentFacts & { prefs: number[]; outsideRound: string[] | null };

const EXPLANATIONS_PER_STATEMENT = 10_000;

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
    `WITH round_placements AS (SELECT id, index - 1 AS index FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, index))
     SELECT ${STUDENT_COLUMNS}, array_agg(coalesce(rp.index, -1) ORDER BY sp.rank)::int[] AS prefs,
            array_agg(sp.placement_id::text ORDER BY sp.rank) FILTER (WHERE rp.id IS NULL) AS "outsideRound"
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
  const eligibleRanks: number[][] = []; // per student: the list rank (0-based) of each eligible entry
  const reasons: Map<number, Ineligibility>[] = [];
  const prefOffsets = new Int32Array(students.length + 1);
  const listPlacements: number[] = [];
  for (const [s, student] of students.entries()) {
    const ranks: number[] = [];
    const refused = new Map<number, Ineligibility>();
    student.prefs.forEach((index, rank) => {
      const reason = index < 0 ? Ineligibility.OUT_OF_ROUND : ineligibility(student, placements[index]);
      if (reason) refused.set(rank, reason);
      else {
        ranks.push(rank);
        listPlacements.push(index);
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
  const placementIds = placements.map((p) => p.id);
  const cutoffs: Record<string, Cutoff | null> = Object.fromEntries(
    placements.map((p, index) => [p.id, Number.isNaN(outcome.cutoffScore[index]) ? null : { score: outcome.cutoffScore[index], lottery: outcome.cutoffLottery[index] }]),
  );
  const completed = await dataSource.transaction(async (manager) => {
    const current = await manager.findOneOrFail(MatchRoundEntity, { where: { id: round.id }, lock: { mode: 'pessimistic_write' } });
    if (current.status !== MatchRoundStatus.RUNNING) return current;
    await manager.query(
      `INSERT INTO proposals (round_id, student_id, placement_id, company_id, school_id, pseudonym, rank, priority, expires_at)
       SELECT $1, student_id, placement_id, company_id, school_id, pseudonym, rank, priority, $2
         FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::int[], $9::float8[])
           AS v(student_id, placement_id, company_id, school_id, pseudonym, rank, priority)`,
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
    for (let from = 0; from < students.length; from += EXPLANATIONS_PER_STATEMENT) {
      const chunk = students
        .slice(from, from + EXPLANATIONS_PER_STATEMENT)
        .map((student, i) => explain(student, from + i, problem, outcome, eligibleRanks[from + i], reasons[from + i]));
      // One JSON document per chunk: Postgres parses it faster than array literals.
      await manager.query(
        `INSERT INTO match_explanations (round_id, student_id, placement_id, rank, ranks, outcomes, placements, priorities, outside_round)
         SELECT $1, e.student_id, ($3::uuid[])[e.placement_id + 1], e.rank, e.ranks, e.outcomes, e.placements, e.priorities, e.outside_round
           FROM jsonb_to_recordset($2::jsonb)
             AS e(student_id uuid, placement_id int, rank int, ranks smallint[], outcomes text[], placements int[], priorities real[], outside_round uuid[])`,
        [round.id, JSON.stringify(chunk), placementIds],
      );
    }
    // One PROPOSAL_MADE event per proposal, in one statement (recordEvent's parameters would not fit).
    await manager.query(`INSERT INTO outbox (type, payload) SELECT $2, jsonb_build_object('proposalId', id) FROM proposals WHERE round_id = $1`, [
      round.id,
      EventType.PROPOSAL_MADE,
    ]);
    Object.assign(current, {
      status: MatchRoundStatus.COMPLETED,
      proposals: matched.length,
      unmatched: students.length - matched.length,
      cutoffs,
      placementIds,
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

/** Her list up to what she got (all of it when unmatched): each choice's outcome and her priority there. */
function explain(
  student: Student,
  s: number,
  problem: MatchProblem,
  outcome: ReturnType<typeof solveMatching>,
  eligibleRanks: number[],
  refused: Map<number, Ineligibility>,
) {
  const { got, rejections } = explainStudent(problem, outcome, s);
  const gotRank = got ? eligibleRanks[got.rank] : student.prefs.length;
  const choices: { rank: number; outcome: string; placement: number; priority: number | null }[] = [];
  for (const [rank, reason] of refused) {
    if (rank < gotRank) choices.push({ rank: rank + 1, outcome: reason, placement: student.prefs[rank], priority: null });
  }
  for (const rejection of rejections) {
    const priority = rejection.reason === 'FULL_BELOW_CUTOFF' ? rejection.yourScore : null;
    choices.push({ rank: eligibleRanks[rejection.rank] + 1, outcome: rejection.reason, placement: rejection.placement, priority });
  }
  if (got) choices.push({ rank: gotRank + 1, outcome: 'MATCHED', placement: got.placement, priority: problem.prefScores[problem.prefOffsets[s] + got.rank] });
  choices.sort((a, b) => a.rank - b.rank);
  const outsideRound = (student.outsideRound ?? []).slice(0, choices.filter((c) => c.placement < 0).length);
  return {
    student_id: student.id,
    placement_id: got ? student.prefs[gotRank] : null,
    rank: got ? gotRank + 1 : null,
    ranks: choices.map((c) => c.rank),
    outcomes: choices.map((c) => c.outcome),
    placements: choices.map((c) => c.placement),
    priorities: choices.map((c) => c.priority),
    outside_round: outsideRound,
  };
}
