import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager, In, IsNull, LessThan } from 'typeorm';
import { type Connection, type ConnectionArgs, orderingOf, paginate, SortDirection } from '../../common/graphql/pagination';
import { type CopyValue, copyRows } from '../../database/copy-rows';
import type { Queryable } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import type { Leerweg } from '../../common/qualification';
import type { ComplianceStatus } from '../compliance/compliance-status';
import type { EventTypeName } from '../events/event-definition';
import { recordEventsSelected } from '../events/outbox';
import type { PlacementStatus } from '../placements/placement.entity';
import type { BlindProfile, PlacementWork } from './blind-priority';
import type { EligibilityPlacement, EligibilityStudent } from './eligibility';
import type { MatchExplanationEntity } from './match-explanation.entity';
import { type Cutoff, MatchRoundEntity, MatchRoundStatus } from './match-round.entity';
import type { ProposalsArgs } from './dto/matching.input';
import { ProposalEntity, ProposalStatus } from './proposal.entity';
import { StudentPreferenceEntity } from './student-preference.entity';
import { StudentPreferenceLockEntity } from './student-preference-lock.entity';

/*
 * The only place matching's tables (`match_rounds`, `proposals`, `student_preferences`,
 * `match_explanations`) and views are named. `MatchingRepository` joins the ambient transaction
 * (and reads or marks rounds on the data source where the worker does so outside any transaction).
 * The plain functions take the caller's manager, data source or `Queryable`: the match-round runner,
 * which the bench runs outside Nest DI, and the facts other modules read (`matching.facts.ts`).
 */

/** What matching knows of a placement: its work, its constraints and its free seats. */
export type PlacementFacts = EligibilityPlacement & PlacementWork & { id: string; companyId: string };

/** What matching knows of a student: her objective profile (R20), never her identity. */
export type StudentFacts = EligibilityStudent & BlindProfile & { id: string; schoolId: string; rematchPriority: boolean };

/**
 * Matching's read model: the views `matching_placements` and `matching_students` (migration
 * 1795478000000), which matching declares and owns, over placements, branches, postcodes and
 * students; `internship_seats` is internships' "a seat is taken". Nothing here names another
 * module's table.
 */
const PLACEMENT_COLUMNS = `p.id, p.company_id AS "companyId", p.crebos, p.level, p.leerweg, p.start_date::text AS "startDate", p.end_date::text AS "endDate",
  p.days_per_week AS "daysPerWeek", p.hours_per_week AS "hoursPerWeek", p.status, p.compliance_status AS "complianceStatus",
  p.werkprocessen, p.title, p.lat, p.lon, p.free_seats AS "freeSeats"`;

const STUDENT_COLUMNS = `s.id, s.school_id AS "schoolId", s.crebo, s.level, s.leerweg, s.werkprocessen, s.learning_wish AS "learningWish",
  s.available_from::text AS "availableFrom", s.available_until::text AS "availableUntil", s.days_per_week AS "daysPerWeek",
  s.hours_per_week AS "hoursPerWeek", s.radius_km AS "radiusKm", s.rematch_priority AS "rematchPriority", s.lat, s.lon`;

interface PlacementRow {
  id: string;
  companyId: string;
  crebos: string[];
  level: number;
  leerweg: Leerweg;
  startDate: string;
  endDate: string;
  daysPerWeek: number;
  hoursPerWeek: number;
  status: PlacementStatus;
  complianceStatus: ComplianceStatus;
  werkprocessen: string[];
  title: string;
  lat: number;
  lon: number;
  freeSeats: string;
}

/** Placements with their branch's coordinates and free seats, by a WHERE clause (and ORDER BY) over `p` (matching_placements). */
async function loadPlacementFacts(db: Queryable, where: string, params: unknown[]): Promise<PlacementFacts[]> {
  const rows = await db.query<PlacementRow>(`SELECT ${PLACEMENT_COLUMNS} FROM matching_placements p WHERE ${where}`, params);
  return rows.map((row) => ({ ...row, freeSeats: Number(row.freeSeats) }));
}

/** What a round covers: its period and region. */
export type RoundScope = Pick<MatchRoundEntity, 'periodFrom' | 'periodTo' | 'region'>;

/** The WHERE clause over `p` (matching_placements) of the placements a round covers, and its parameters. */
function inRound(round: RoundScope): { where: string; params: unknown[] } {
  return {
    where: ['p.start_date BETWEEN $1 AND $2', "p.status <> 'CLOSED'", ...(round.region ? ['p.province = $3'] : [])].join(' AND '),
    params: [round.periodFrom, round.periodTo, ...(round.region ? [round.region] : [])],
  };
}

/** The placements a round covers, in id order (the canonical order the input hash relies on). */
export function roundPlacementFacts(db: Queryable, round: RoundScope): Promise<PlacementFacts[]> {
  const { where, params } = inRound(round);
  return loadPlacementFacts(db, `${where} ORDER BY p.id`, params);
}

/** An active student's profile, when she is the school's. */
async function loadStudentFacts(db: Queryable, studentId: string, schoolId: string): Promise<StudentFacts | null> {
  const [student] = await db.query<StudentFacts>(
    `SELECT ${STUDENT_COLUMNS} FROM matching_students s WHERE s.id = $1 AND s.school_id = $2 AND s.archived_at IS NULL`,
    [studentId, schoolId],
  );
  return student ?? null;
}

/** A row of `forEachRoundStudentBatch`: her facts, her list as placement indexes (-1: outside the round) and the ids outside it. */
export type RoundStudentRow = StudentFacts & { prefs: number[]; outsideRound: string[] | null };

/**
 * A round's students, in id order: those with a list that names a placement of the round, who hold no seat and await no proposal, each list as indexes into the
 * round's placements in id order (-1: outside the round) and the ids outside it. They arrive in
 * batches of about `batchSize` students, each its own statement over a range of student ids, all
 * in one REPEATABLE READ transaction (one snapshot) on a connection of their own, the next batch on
 * its way while `onBatch` works on this one: a national round's half million rows are never all
 * in memory at once, and the first batch comes as soon as its own range is read. (One cursor over
 * every student sorted all 2 million preferences before it gave the first row: 1.8 s of 100,000
 * students' round in which the lists waited.)
 */
export async function forEachRoundStudentBatch(
  dataSource: DataSource,
  round: RoundScope,
  batchSize: number,
  onBatch: (rows: RoundStudentRow[]) => Promise<void> | void,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  // Batches go on the driver's client: it sends a statement at once, where TypeORM's query would
  // wait for the event loop, which `onBatch` keeps busy with the batch before.
  const client = (await runner.connect()) as PoolClient;
  let pending: Promise<RoundStudentRow[]> | undefined;
  try {
    await runner.startTransaction('REPEATABLE READ');
    // A batch's sort of its preferences fits in memory, and JIT compiling is not repaid by one run.
    await runner.query("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off");
    const starts: { id: string }[] = await runner.query(
      'SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM matching_students WHERE archived_at IS NULL) s WHERE (n - 1) % $1 = 0 ORDER BY id',
      [batchSize],
    );
    const { where, params } = inRound(round);
    const next = params.length + 1;
    const batch = async (index: number) => {
      const to = starts[index + 1]?.id;
      const range = (column: string) => `${column} >= $${next}${to ? ` AND ${column} < $${next + 1}` : ''}`;
      return (await client.query<RoundStudentRow>(roundStudentsSql(where, range), [...params, starts[index].id, ...(to ? [to] : [])])).rows;
    };
    pending = starts.length ? batch(0) : undefined;
    for (let index = 0; pending; index += 1) {
      const rows = await pending;
      pending = index + 1 < starts.length ? batch(index + 1) : undefined;
      await onBatch(rows);
    }
    await runner.commitTransaction();
  } finally {
    await pending?.catch(() => undefined); // a batch still on its way when `onBatch` failed
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
}

/** The round's students whose ids are in `range` (a condition on the column it names). */
const roundStudentsSql = (inRound: string, range: (column: string) => string) => `
     WITH round_placements AS (
            SELECT p.id, row_number() OVER (ORDER BY p.id) - 1 AS index FROM matching_placements p WHERE ${inRound}),
          lists AS (
            SELECT sp.student_id, array_agg(coalesce(rp.index, -1) ORDER BY sp.rank)::int[] AS prefs,
                   array_agg(sp.placement_id::text ORDER BY sp.rank) FILTER (WHERE rp.id IS NULL) AS outside_round
              FROM student_preferences sp LEFT JOIN round_placements rp ON rp.id = sp.placement_id
             WHERE ${range('sp.student_id')}
             GROUP BY sp.student_id
            HAVING bool_or(rp.id IS NOT NULL))
     SELECT ${STUDENT_COLUMNS}, l.prefs, l.outside_round AS "outsideRound"
       FROM lists l JOIN matching_students s ON s.id = l.student_id
      WHERE s.archived_at IS NULL AND ${range('s.id')}
        AND NOT EXISTS (SELECT 1 FROM internship_seats i WHERE i.student_id = s.id AND i.holds_seat)
        -- An accepted proposal whose internship was terminated no longer holds her back: she is rematched.
        AND NOT EXISTS (SELECT 1 FROM proposals o WHERE o.student_id = s.id AND (o.status = 'OPEN' OR (o.status = 'ACCEPTED'
              AND NOT EXISTS (SELECT 1 FROM internship_seats t WHERE t.proposal_id = o.id AND t.status = 'TERMINATED'))))
      ORDER BY s.id`;

/** Claims a QUEUED (or re-runs a RUNNING) round for this run with a fresh lease; false when it is neither. */
export async function claimRound(dataSource: DataSource, roundId: string, leaseSeconds: number): Promise<boolean> {
  const [, claimed] = await dataSource.query<[unknown, number]>(
    `UPDATE match_rounds SET status = 'RUNNING', lease_until = now() + make_interval(secs => $2) WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
    [roundId, leaseSeconds],
  );
  return claimed > 0;
}

export function roundOrFail(manager: EntityManager, roundId: string): Promise<MatchRoundEntity> {
  return manager.findOneByOrFail(MatchRoundEntity, { id: roundId });
}

export async function updateRound(manager: EntityManager, roundId: string, changes: Partial<MatchRoundEntity>): Promise<void> {
  await manager.update(MatchRoundEntity, { id: roundId }, changes);
}

/** A round still RUNNING becomes FAILED with the error; its lease ends, and the explanations its attempt wrote go. */
export async function failRunningRound(manager: EntityManager, roundId: string, error: string, at: Date): Promise<void> {
  await manager.query(
    `WITH failed AS (UPDATE match_rounds SET status = '${MatchRoundStatus.FAILED}', error = $2, completed_at = $3, lease_until = NULL
                      WHERE id = $1 AND status = '${MatchRoundStatus.RUNNING}' RETURNING id)
     DELETE FROM match_explanations WHERE round_id IN (SELECT id FROM failed)`,
    [roundId, error, at],
  );
}

/** Renews a round's lease. SKIP LOCKED: while the round's own write holds its row, that write has just renewed it. */
const RENEW_LEASE = `
  UPDATE match_rounds SET lease_until = now() + make_interval(secs => $2)
   WHERE id = (SELECT id FROM match_rounds WHERE id = $1 AND status = 'RUNNING' FOR UPDATE SKIP LOCKED)`;

export async function renewLease(dataSource: DataSource, roundId: string, seconds: number): Promise<void> {
  await dataSource.query(RENEW_LEASE, [roundId, seconds]);
}

/**
 * The round locked FOR NO KEY UPDATE in the manager's transaction (the write of its results): a
 * lock that still lets the explanations, written beside it, check their foreign key to it.
 */
export function lockRound(manager: EntityManager, roundId: string): Promise<MatchRoundEntity> {
  return manager.findOneOrFail(MatchRoundEntity, { where: { id: roundId }, lock: { mode: 'for_no_key_update' } });
}

/** A fresh lease, in the manager's transaction, for the round whose row it holds. */
export async function extendLease(manager: EntityManager, roundId: string, seconds: number): Promise<void> {
  await manager.query('UPDATE match_rounds SET lease_until = now() + make_interval(secs => $2) WHERE id = $1', [roundId, seconds]);
}

export function saveRound(manager: EntityManager, round: MatchRoundEntity): Promise<MatchRoundEntity> {
  return manager.save(round);
}

/** A round's proposals by COPY, in the manager's transaction: round, student, placement, company, school, pseudonym, rank, priority, expiry. */
export function copyProposals(manager: EntityManager, rows: Iterable<CopyValue[]>): Promise<void> {
  return copyRows(manager, 'proposals', ['round_id', 'student_id', 'placement_id', 'company_id', 'school_id', 'pseudonym', 'rank', 'priority', 'expires_at'], rows);
}

/**
 * A round's explanations by COPY in a transaction of their own, in place of any an earlier attempt
 * left: round, student, placement, rank, ranks, outcomes, placements, priorities, outside the
 * round. They are read only once the round is COMPLETED (`EXPLAINED_ROUND`).
 */
export function replaceExplanations(dataSource: DataSource, roundId: string, rows: Iterable<CopyValue[]>): Promise<void> {
  return dataSource.transaction(async (manager) => {
    await manager.query('DELETE FROM match_explanations WHERE round_id = $1', [roundId]);
    await copyRows(manager, 'match_explanations', ['round_id', 'student_id', 'placement_id', 'rank', 'ranks', 'outcomes', 'placements', 'priorities', 'outside_round'], rows);
  });
}

/** SQL: the round `r` of an explanation has completed (an attempt that did not complete may have left some). */
const EXPLAINED_ROUND = `r.status = '${MatchRoundStatus.COMPLETED}'`;

/** One event of `type` per proposal of the round, in one statement (a national round's ids are too many to bring back). */
export function recordEventPerProposal(manager: EntityManager, type: EventTypeName, roundId: string): Promise<void> {
  return recordEventsSelected(manager, type, `SELECT jsonb_build_object('proposalId', id) FROM proposals WHERE round_id = $1`, [roundId]);
}

/** What the proposal events tell: each proposal's company, school, placement, student, pseudonym and expiry. */
export function proposalsAnnounced(
  db: Queryable,
  ids: string[],
): Promise<{ id: string; company_id: string; school_id: string; placement_id: string; student_id: string; pseudonym: string; expires_at: Date }[]> {
  return db.query('SELECT id, company_id, school_id, placement_id, student_id, pseudonym, expires_at FROM proposals WHERE id = ANY($1::uuid[])', [ids]);
}

/** Whether the student has an open proposal at the placement. */
export async function hasOpenProposal(db: Queryable, placementId: string, studentId: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM proposals WHERE placement_id = $1 AND student_id = $2 AND status = 'OPEN' LIMIT 1`, [placementId, studentId]);
  return rows.length > 0;
}

/** The open proposals at the placements (R2: whom a suspension strands). */
export function openProposalsAt(db: Queryable, placementIds: string[]): Promise<{ studentId: string; schoolId: string; placementId: string }[]> {
  return db.query(
    `SELECT student_id AS "studentId", school_id AS "schoolId", placement_id AS "placementId" FROM proposals WHERE placement_id = ANY($1::uuid[]) AND status = 'OPEN'`,
    [placementIds],
  );
}

/** Whether the school ever had a proposal from the company for one of its students. */
export async function schoolHadProposalFrom(db: Queryable, schoolId: string, companyId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM proposals WHERE school_id = $1 AND company_id = $2 LIMIT 1', [schoolId, companyId]);
  return rows.length > 0;
}

/** The schools with a student proposed (an open or accepted proposal) at each company or placement. */
export function schoolsProposedAt(db: Queryable, by: 'company' | 'placement', ids: string[]): Promise<{ id: string; school_id: string }[]> {
  const column = by === 'company' ? 'company_id' : 'placement_id';
  return db.query(`SELECT DISTINCT ${column} AS id, school_id FROM proposals WHERE ${column} = ANY($1::uuid[]) AND status IN ('OPEN', 'ACCEPTED')`, [ids]);
}

/** SQL: the round's lease ($1 seconds from its creation when it never had one) has run out. */
const LEASE_LAPSED = `coalesce(lease_until, created_at + make_interval(secs => $1)) < now()`;

/** A student's explanation in a round, with the round's cutoffs and the ids of the placements of her choices. */
export type ExplanationRow = MatchExplanationEntity & { placementIdsOfChoices: (string | null)[]; cutoffs: Record<string, Cutoff | null> };

/** Which side of a proposal an actor is on: its company, its school, or the student herself (issue #17). */
export type ProposalSideColumn = 'companyId' | 'schoolId' | 'studentId';

/** Matching's tables in the ambient transaction (`Transactions.manager`). */
@Injectable()
export class MatchingRepository {
  constructor(
    private readonly transactions: Transactions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private get manager(): EntityManager {
    return this.transactions.manager;
  }

  insertRound(fields: Partial<MatchRoundEntity>): Promise<MatchRoundEntity> {
    return this.manager.save(this.manager.create(MatchRoundEntity, fields));
  }

  round(id: string): Promise<MatchRoundEntity | null> {
    return this.manager.getRepository(MatchRoundEntity).findOneBy({ id });
  }

  roundOrFail(id: string): Promise<MatchRoundEntity> {
    return roundOrFail(this.manager, id);
  }

  listRounds(page: ConnectionArgs): Promise<Connection<MatchRoundEntity>> {
    return paginate(this.manager.getRepository(MatchRoundEntity).createQueryBuilder('round').orderBy('round.createdAt', 'DESC').addOrderBy('round.id'), page);
  }

  /** QUEUED or RUNNING rounds whose lease (`leaseSeconds` from creation when none) lapsed, on the data source. */
  abandonedRounds(leaseSeconds: number): Promise<{ id: string; status: MatchRoundStatus; attempt: number }[]> {
    return this.dataSource.query(`SELECT id, status, attempt FROM match_rounds WHERE status IN ('QUEUED', 'RUNNING') AND ${LEASE_LAPSED}`, [leaseSeconds]);
  }

  /**
   * The next attempt of an abandoned round, with a fresh lease, on the data source; null when it is no
   * longer lapsed, no longer at `attempt`, or being written (SKIP LOCKED).
   */
  async claimAbandoned(roundId: string, attempt: number, leaseSeconds: number): Promise<number | null> {
    const [rows] = await this.dataSource.query<[{ attempt: number }[], number]>(
      `UPDATE match_rounds SET attempt = attempt + 1, lease_until = now() + make_interval(secs => $1)
        WHERE id = (SELECT id FROM match_rounds WHERE id = $2 AND attempt = $3 AND status IN ('QUEUED', 'RUNNING') AND ${LEASE_LAPSED} FOR UPDATE SKIP LOCKED)
        RETURNING attempt`,
      [leaseSeconds, roundId, attempt],
    );
    return rows.length ? rows[0].attempt : null;
  }

  /** The round locked FOR UPDATE with whether its lease lapsed, or undefined. */
  async lockRoundState(id: string, leaseSeconds: number): Promise<{ status: MatchRoundStatus; error: string | null; attempt: number; lapsed: boolean } | undefined> {
    const [current] = await this.manager.query<{ status: MatchRoundStatus; error: string | null; attempt: number; lapsed: boolean }[]>(
      `SELECT status, error, attempt, ${LEASE_LAPSED} AS lapsed FROM match_rounds WHERE id = $2 FOR UPDATE`,
      [leaseSeconds, id],
    );
    return current;
  }

  /** The round QUEUED again as its next attempt, with a fresh lease. */
  async requeueRound(id: string, leaseSeconds: number): Promise<void> {
    await this.manager.query(
      `UPDATE match_rounds SET status = 'QUEUED', error = NULL, completed_at = NULL, attempt = attempt + 1, lease_until = now() + make_interval(secs => $2) WHERE id = $1`,
      [id, leaseSeconds],
    );
  }

  /** The round of the student's newest explanation (the last round that considered her), or null. */
  async latestExplanationRound(studentId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ roundId: string }[]>(
      `SELECT e.round_id AS "roundId" FROM match_explanations e JOIN match_rounds r ON r.id = e.round_id
        WHERE e.student_id = $1 AND ${EXPLAINED_ROUND} ORDER BY r.created_at DESC, r.id DESC LIMIT 1`,
      [studentId],
    );
    return row?.roundId ?? null;
  }

  /** The student's explanation in the round, on the data source, or undefined. */
  async explanation(roundId: string, studentId: string): Promise<ExplanationRow | undefined> {
    const [row] = await this.explanations([{ roundId, studentId }]);
    return row;
  }

  /**
   * The explanations of these students in these rounds (those that exist), on the data source, in
   * one statement: each with the cutoffs of her own choices only, not the round's whole map.
   */
  explanations(keys: { roundId: string; studentId: string }[]): Promise<ExplanationRow[]> {
    return this.dataSource.query<ExplanationRow[]>(
      `WITH explained AS (
         SELECT e.*, r.cutoffs AS round_cutoffs,
                ARRAY(SELECT r.placement_ids[i + 1] FROM unnest(e.placements) WITH ORDINALITY AS c(i, n) ORDER BY n) AS choice_ids
           FROM unnest($1::uuid[], $2::uuid[]) AS k(round_id, student_id)
           JOIN match_explanations e ON e.round_id = k.round_id AND e.student_id = k.student_id
           JOIN match_rounds r ON r.id = e.round_id AND ${EXPLAINED_ROUND})
       SELECT round_id AS "roundId", student_id AS "studentId", placement_id AS "placementId", rank, ranks, outcomes,
              priorities, outside_round AS "outsideRound", choice_ids AS "placementIdsOfChoices",
              (SELECT coalesce(jsonb_object_agg(c::text, round_cutoffs -> c::text), '{}'::jsonb) FROM unnest(choice_ids) AS c WHERE c IS NOT NULL) AS cutoffs
         FROM explained`,
      [keys.map((key) => key.roundId), keys.map((key) => key.studentId)],
    );
  }

  /** An active student's profile, when she is the school's. */
  studentFacts(studentId: string, schoolId: string): Promise<StudentFacts | null> {
    return loadStudentFacts(this.manager, studentId, schoolId);
  }

  /** The placements with these ids (any status). */
  placementFacts(ids: string[]): Promise<PlacementFacts[]> {
    return loadPlacementFacts(this.manager, 'p.id = ANY($1)', [ids]);
  }

  /** PUBLISHED placements for the student's crebo, level and leerweg within the box around her home, other than `excluded`. */
  suggestionCandidates(student: StudentFacts, box: { minLat: number; maxLat: number; minLon: number; maxLon: number }, excluded: string[]): Promise<PlacementFacts[]> {
    return loadPlacementFacts(
      this.manager,
      `p.crebos @> ARRAY[$1]::text[] AND p.level = $2 AND p.leerweg = $3 AND p.status = 'PUBLISHED' AND p.id <> ALL($4::uuid[])
         AND p.lat BETWEEN $5 AND $6 AND p.lon BETWEEN $7 AND $8`,
      [student.crebo, student.level, student.leerweg, excluded, box.minLat, box.maxLat, box.minLon, box.maxLon],
    );
  }

  /** Her list replaced by these placements, in this order; `suggested` marks the entries from `suggestedFrom` on. */
  async replacePreferences(studentId: string, placementIds: string[], suggestedFrom: number): Promise<StudentPreferenceEntity[]> {
    await this.manager.delete(StudentPreferenceEntity, { studentId });
    const entries = placementIds.map((placementId, index) => this.manager.create(StudentPreferenceEntity, { studentId, placementId, rank: index + 1, suggested: index >= suggestedFrom }));
    if (entries.length) await this.manager.insert(StudentPreferenceEntity, entries);
    return entries;
  }

  /** The school's lock on her list, or null when it is not locked. */
  preferenceLock(studentId: string): Promise<StudentPreferenceLockEntity | null> {
    return this.manager.findOneBy(StudentPreferenceLockEntity, { studentId });
  }

  /** Locks her list (kept as it was when it is locked already); the lock. */
  async lockPreferences(studentId: string, lockedByUserId: string, at: Date): Promise<StudentPreferenceLockEntity> {
    await this.manager.createQueryBuilder().insert().into(StudentPreferenceLockEntity).values({ studentId, lockedByUserId, lockedAt: at }).orIgnore().execute();
    return this.manager.findOneByOrFail(StudentPreferenceLockEntity, { studentId });
  }

  /** Unlocks her list; whether it was locked. */
  async unlockPreferences(studentId: string): Promise<boolean> {
    const { affected } = await this.manager.delete(StudentPreferenceLockEntity, { studentId });
    return (affected ?? 0) > 0;
  }

  preferencesOf(studentId: string): Promise<StudentPreferenceEntity[]> {
    return this.manager.getRepository(StudentPreferenceEntity).find({ where: { studentId }, order: { rank: 'ASC' } });
  }

  proposal(id: string): Promise<ProposalEntity | null> {
    return this.manager.findOneBy(ProposalEntity, { id });
  }

  /** One side's proposals (`side`: its company's or its school's), filtered, as a page. */
  listProposals(
    side: ProposalSideColumn,
    organizationId: string,
    filter: { placementId?: string; studentId?: string; status?: ProposalStatus },
    page: ConnectionArgs,
    orderBy: ProposalsArgs['orderBy'],
  ): Promise<Connection<ProposalEntity>> {
    const query = this.manager.getRepository(ProposalEntity).createQueryBuilder('proposal').where(`proposal.${side} = :org`, { org: organizationId });
    if (filter.placementId) query.andWhere('proposal.placementId = :placementId', { placementId: filter.placementId });
    if (filter.studentId) query.andWhere('proposal.studentId = :studentId', { studentId: filter.studentId });
    if (filter.status) query.andWhere('proposal.status = :status', { status: filter.status });
    const ordering = orderingOf(
      { CREATED_AT: 'proposal.createdAt', EXPIRES_AT: 'proposal.expiresAt', RANK: 'proposal.rank' },
      'proposal.id',
      orderBy,
      { field: 'CREATED_AT', direction: SortDirection.DESC },
    );
    return paginate(query, page, { ordering });
  }

  /** The placement and student of one side's proposal, read without a lock (the placement is locked first: lock order), or null. */
  placementOfProposal(id: string, side: ProposalSideColumn, organizationId: string): Promise<Pick<ProposalEntity, 'id' | 'placementId' | 'studentId'> | null> {
    return this.manager.findOne(ProposalEntity, { select: { id: true, placementId: true, studentId: true }, where: { id, [side]: organizationId } });
  }

  /** One side's proposal locked FOR UPDATE (it exists: `placementOfProposal` found it in this transaction). */
  lockProposal(id: string, side: ProposalSideColumn, organizationId: string): Promise<ProposalEntity> {
    return this.manager.findOneOrFail(ProposalEntity, { where: { id, [side]: organizationId }, lock: { mode: 'pessimistic_write' } });
  }

  saveProposal(proposal: ProposalEntity): Promise<ProposalEntity> {
    return this.manager.save(proposal);
  }

  /** R2: the open proposals at the placements become WITHDRAWN; their ids. */
  async withdrawOpenProposalsAt(placementIds: string[]): Promise<string[]> {
    const { raw } = await this.manager
      .createQueryBuilder()
      .update(ProposalEntity)
      .set({ status: ProposalStatus.WITHDRAWN, decidedAt: () => 'now()' })
      .where('placement_id = ANY(:placementIds) AND status = :open', { placementIds, open: ProposalStatus.OPEN })
      .returning('id')
      .execute();
    return (raw as { id: string }[]).map(({ id }) => id);
  }

  /** Open proposals that expired before `now` become EXPIRED; their ids. */
  async expireOpenBefore(now: Date): Promise<string[]> {
    const { raw } = await this.manager
      .createQueryBuilder()
      .update(ProposalEntity)
      .set({ status: ProposalStatus.EXPIRED, decidedAt: () => 'now()' })
      .where({ status: ProposalStatus.OPEN, expiresAt: LessThan(now) })
      .returning('id')
      .execute();
    return (raw as { id: string }[]).map(({ id }) => id);
  }

  /** Open proposals expiring before `before` whose reminder was not sent, locked FOR UPDATE; their ids. */
  async lockUnremindedExpiringBefore(before: Date): Promise<string[]> {
    const due = await this.manager.find(ProposalEntity, {
      select: { id: true },
      where: { status: ProposalStatus.OPEN, expiresAt: LessThan(before), expiryReminderSentAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    return due.map(({ id }) => id);
  }

  async markReminded(ids: string[], at: Date): Promise<void> {
    await this.manager.update(ProposalEntity, { id: In(ids) }, { expiryReminderSentAt: at });
  }
}
