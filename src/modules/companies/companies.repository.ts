import { Injectable } from '@nestjs/common';
import { type DeepPartial, type EntityManager, In, IsNull, LessThanOrEqual, type SelectQueryBuilder } from 'typeorm';
import { PreparedQueries, type Queryable } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { AccreditationRefusalEntity } from './accreditation-refusal.entity';
import { AccreditationEntity, AccreditationStatus } from './accreditation.entity';
import { BranchEntity } from './branch.entity';
import { TrainerAssignmentEntity } from './trainer-assignment.entity';
import { TrainerEntity } from './trainer.entity';


/**
 * The only place the companies module's tables are named (branches, trainers, accreditations,
 * accreditation_refusals, trainer_assignments); joins the ambient transaction.
 */
@Injectable()
export class CompaniesRepository {
  constructor(
    private readonly transactions: Transactions,
    private readonly db: PreparedQueries,
  ) {}

  private get manager() {
    return this.transactions.manager;
  }

  save<T extends BranchEntity | TrainerEntity | AccreditationEntity | AccreditationRefusalEntity | TrainerAssignmentEntity>(row: T): Promise<T> {
    return this.manager.save(row);
  }

  newBranch(fields: DeepPartial<BranchEntity>): BranchEntity {
    return this.manager.create(BranchEntity, fields);
  }

  newTrainer(fields: DeepPartial<TrainerEntity>): TrainerEntity {
    return this.manager.create(TrainerEntity, fields);
  }

  newAccreditation(fields: DeepPartial<AccreditationEntity>): AccreditationEntity {
    return this.manager.create(AccreditationEntity, fields);
  }

  newRefusal(fields: DeepPartial<AccreditationRefusalEntity>): AccreditationRefusalEntity {
    return this.manager.create(AccreditationRefusalEntity, fields);
  }

  newAssignment(fields: DeepPartial<TrainerAssignmentEntity>): TrainerAssignmentEntity {
    return this.manager.create(TrainerAssignmentEntity, fields);
  }

  mergeTrainer(trainer: TrainerEntity, change: DeepPartial<TrainerEntity>): TrainerEntity {
    return this.manager.merge(TrainerEntity, trainer, change);
  }

  branch(id: string): Promise<BranchEntity | null> {
    return this.manager.findOneBy(BranchEntity, { id });
  }

  branchOfCompany(companyId: string, id: string): Promise<BranchEntity | null> {
    return this.manager.findOneBy(BranchEntity, { id, companyId });
  }

  /** Committed branches by id in one prepared statement (the per-request loader). */
  branchesById(ids: readonly string[]): Promise<BranchEntity[]> {
    return this.db.byIds(BranchEntity, ids);
  }

  branchesOfCompanies(companyIds: readonly string[]): Promise<BranchEntity[]> {
    return this.manager.find(BranchEntity, { where: { companyId: In([...companyIds]) }, order: { name: 'ASC' } });
  }

  trainer(id: string): Promise<TrainerEntity | null> {
    return this.manager.findOneBy(TrainerEntity, { id });
  }

  trainerOfCompany(companyId: string, id: string): Promise<TrainerEntity | null> {
    return this.manager.findOneBy(TrainerEntity, { id, companyId });
  }

  /** Row-locked, so concurrent assignments to one trainer are counted one after another (R6). */
  async lockTrainerOfCompany(companyId: string, id: string): Promise<TrainerEntity | null> {
    return this.manager.findOne(TrainerEntity, { where: { id, companyId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Trainers by id in the ambient transaction (CompaniesFacts.trainers). */
  trainersInTransaction(ids: readonly string[]): Promise<TrainerEntity[]> {
    return trainersByIds(this.manager, ids);
  }

  /** Committed trainers by id in one prepared statement (the per-request loader). */
  trainersById(ids: readonly string[]): Promise<TrainerEntity[]> {
    return this.db.byIds(TrainerEntity, ids);
  }

  trainersOfCompanies(companyIds: readonly string[]): Promise<TrainerEntity[]> {
    return this.manager.find(TrainerEntity, { where: { companyId: In([...companyIds]) }, order: { name: 'ASC' } });
  }

  accreditation(id: string): Promise<AccreditationEntity | null> {
    return this.manager.findOneBy(AccreditationEntity, { id });
  }

  lockAccreditation(id: string): Promise<AccreditationEntity | null> {
    return this.manager.findOne(AccreditationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  lockActiveAccreditationsOfCompany(companyId: string): Promise<AccreditationEntity[]> {
    return this.manager.find(AccreditationEntity, {
      where: { companyId, status: AccreditationStatus.ACTIVE },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  holdsActiveAccreditation(branchId: string, crebo: string): Promise<boolean> {
    return this.manager.existsBy(AccreditationEntity, { branchId, crebo, status: AccreditationStatus.ACTIVE });
  }

  accreditationsOfBranches(branchIds: readonly string[]): Promise<AccreditationEntity[]> {
    return accreditationsOfBranches(this.manager, branchIds);
  }

  accreditationsQuery(): SelectQueryBuilder<AccreditationEntity> {
    return this.manager.getRepository(AccreditationEntity).createQueryBuilder('accreditation');
  }

  /**
   * R3's lapse candidates on `day`: ACTIVE accreditations whose end date SBB set has passed, or
   * granted before the four-year student window. `expired` says which. With `lockId`, that one
   * row only, locked.
   */
  async lapseCandidates(day: string, windowStart: string, lockId?: string): Promise<{ id: string; branchId: string; crebo: string; expired: boolean }[]> {
    return this.manager.query(
      `SELECT a.id, a.branch_id AS "branchId", a.crebo, a.valid_until IS NOT NULL AND a.valid_until < $1::date AS expired
         FROM accreditations a
        WHERE a.status = 'ACTIVE' AND ((a.valid_until IS NOT NULL AND a.valid_until < $1::date) OR a.granted_on < $2::date)
          ${lockId ? 'AND a.id = $3 FOR UPDATE OF a' : 'ORDER BY a.id'}`,
      lockId ? [day, windowStart, lockId] : [day, windowStart],
    );
  }

  /**
   * R3: ACTIVE accreditations whose review (every `years` years) is due on or before `noticeUntil`
   * and not yet announced for that due date, marked announced; their ids and due dates.
   */
  async markReviewsDue(noticeUntil: string, years: number): Promise<{ id: string; dueOn: string }[]> {
    const due = `(a.last_reviewed_on + interval '${years} years')::date`;
    const [rows] = await this.manager.query<[{ id: string; due_on: string }[], number]>(
      `UPDATE accreditations a SET review_notice_sent_for = ${due}
        WHERE a.status = 'ACTIVE' AND ${due} <= $1::date AND a.review_notice_sent_for IS DISTINCT FROM ${due}
        RETURNING a.id, a.review_notice_sent_for::text AS due_on`,
      [noticeUntil],
    );
    return rows.map(({ id, due_on }) => ({ id, dueOn: due_on }));
  }

  latestRefusalOnOrBefore(branchId: string, crebo: string, date: string): Promise<AccreditationRefusalEntity | null> {
    return this.manager.findOne(AccreditationRefusalEntity, { where: { branchId, crebo, refusedOn: LessThanOrEqual(date) }, order: { refusedOn: 'DESC' } });
  }

  refusalsQuery(): SelectQueryBuilder<AccreditationRefusalEntity> {
    return this.manager.getRepository(AccreditationRefusalEntity).createQueryBuilder('refusal');
  }

  /** The student's running assignment at the placement, row-locked for the transaction. */
  lockActiveAssignment(placementId: string, studentId: string): Promise<TrainerAssignmentEntity | null> {
    return this.manager.findOne(TrainerAssignmentEntity, { where: { placementId, studentId, endedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
  }

  /** The internship's running assignment (every internship has one from its creation, R6), row-locked. */
  lockRunningAssignmentOfInternship(internshipId: string): Promise<TrainerAssignmentEntity | null> {
    return this.manager.findOne(TrainerAssignmentEntity, { where: { internshipId, endedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
  }

  /** The running reservation (no internship yet) of the student at the placement, row-locked: her internship adopts it. */
  lockReservation(placementId: string, studentId: string): Promise<TrainerAssignmentEntity | null> {
    return this.manager.findOne(TrainerAssignmentEntity, { where: { placementId, studentId, internshipId: IsNull(), endedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
  }

  /** Ends the running assignment of each internship; returns the ids of those it ended. */
  async endAssignmentsOfInternships(internshipIds: string[], at: Date): Promise<string[]> {
    const { raw } = await this.manager
      .createQueryBuilder()
      .update(TrainerAssignmentEntity)
      .set({ endedAt: at })
      .where({ internshipId: In(internshipIds), endedAt: IsNull() })
      .returning('id')
      .execute();
    return (raw as { id: string }[]).map(({ id }) => id);
  }

  lockAssignmentOfCompany(companyId: string, id: string): Promise<TrainerAssignmentEntity | null> {
    return this.manager.findOne(TrainerAssignmentEntity, { where: { id, companyId }, lock: { mode: 'pessimistic_write' } });
  }

  assignmentsQuery(): SelectQueryBuilder<TrainerAssignmentEntity> {
    return this.manager.getRepository(TrainerAssignmentEntity).createQueryBuilder('assignment');
  }

  /** R6: see `trainerLoads` below, the one definition. */
  trainerLoads(questions: LoadQuestion[]): Promise<number[]> {
    return trainerLoads(this.manager, questions);
  }
}

/**
 * What other modules read of companies on their own manager or outside Nest (batch loads, the
 * compliance engine, announcements): functions over the caller's manager, re-exported by
 * companies.facts.ts.
 */

/** Students with a running trainer assignment at each company (or placement), as `{ id: company or placement, student_id }`. */
export function studentsAssignedAt(db: Queryable, by: 'company' | 'placement', ids: string[]): Promise<{ id: string; student_id: string }[]> {
  const column = by === 'company' ? 'company_id' : 'placement_id';
  return db.query(`SELECT ${column} AS id, student_id FROM trainer_assignments WHERE ${column} = ANY($1::uuid[]) AND ended_at IS NULL`, [ids]);
}

/** "Branch name, city" as a POK names the place of work (R8). */
export async function branchLabel(db: Queryable, branchId: string): Promise<string | null> {
  const [row] = await db.query<{ label: string }>(`SELECT name || ', ' || city AS label FROM branches WHERE id = $1`, [branchId]);
  return row?.label ?? null;
}

export async function trainerName(db: Queryable, trainerId: string): Promise<string | null> {
  const [row] = await db.query<{ name: string }>('SELECT name FROM trainers WHERE id = $1', [trainerId]);
  return row?.name ?? null;
}

/** The students a company's trainers have ever been assigned to. */
export async function studentsWithTrainerAt(db: Queryable, companyId: string): Promise<string[]> {
  const rows = await db.query<{ student_id: string }>('SELECT DISTINCT student_id FROM trainer_assignments WHERE company_id = $1', [companyId]);
  return rows.map((row) => row.student_id);
}

/** A period a trainer's R6 load is counted over, optionally leaving out one placement's assignments. */
export interface LoadQuestion {
  trainerId: string;
  startDate: string;
  endDate: string;
  exceptPlacementId?: string | null;
}

/**
 * R6, the one definition of a trainer's load: the students she guides in a period, i.e. her
 * internships' assignments not ended whose period overlaps it (leaving out one placement's, when
 * asked). An internship has its assignment from its creation (PLANNED) and ends it when it
 * completes or is terminated, so this counts exactly the students in her PLANNED or ACTIVE
 * internships, matched or self-found. An assignment made for a student with an open proposal
 * (`assignTrainer` before both sides accepted) is a reservation: not counted until her internship
 * adopts it. One answer per question, in order, in one statement.
 */
export async function trainerLoads(manager: EntityManager, questions: LoadQuestion[]): Promise<number[]> {
  if (!questions.length) return [];
  const rows = await manager.query<{ n: number; students: number }[]>(
    `SELECT q.n::int AS n, count(a.id)::int AS students
       FROM unnest($1::uuid[], $2::date[], $3::date[], $4::uuid[]) WITH ORDINALITY AS q(trainer_id, start_date, end_date, except_placement_id, n)
       LEFT JOIN trainer_assignments a
              ON a.trainer_id = q.trainer_id AND a.internship_id IS NOT NULL AND a.ended_at IS NULL AND a.start_date <= q.end_date AND a.end_date >= q.start_date
             AND (q.except_placement_id IS NULL OR a.placement_id IS DISTINCT FROM q.except_placement_id)
      GROUP BY q.n ORDER BY q.n`,
    [questions.map((q) => q.trainerId), questions.map((q) => q.startDate), questions.map((q) => q.endDate), questions.map((q) => q.exceptPlacementId ?? null)],
  );
  return rows.map((row) => row.students);
}

/** Every accreditation of the branches, any status (R1 judges them). */
export function accreditationsOfBranches(manager: EntityManager, branchIds: readonly string[]): Promise<AccreditationEntity[]> {
  if (!branchIds.length) return Promise.resolve([]);
  return manager.find(AccreditationEntity, { where: { branchId: In([...branchIds]) }, order: { crebo: 'ASC', grantedOn: 'DESC' } });
}

/** What R1 judges of an accreditation. */
export interface AccreditationTerms {
  branchId: string;
  crebo: string;
  status: string;
  grantedOn: string;
  validUntil: string | null;
}

/** Every accreditation of the branches, any status, as plain rows (R1 over a batch of placements). */
export function accreditationTermsOfBranches(manager: EntityManager, branchIds: readonly string[]): Promise<AccreditationTerms[]> {
  if (!branchIds.length) return Promise.resolve([]);
  return manager.query(
    `SELECT branch_id AS "branchId", crebo, status, granted_on::text AS "grantedOn", valid_until::text AS "validUntil"
       FROM accreditations WHERE branch_id = ANY($1)`,
    [[...branchIds]],
  );
}

/** What R5–R7 judge of a trainer, as plain rows (a batch of placements at once). */
export interface TrainerTerms {
  id: string;
  companyId: string;
  qualificationLevel: number;
  yearsOfExperience: number;
  courseCompletedOn: string | null;
  refresherCompletedOn: string | null;
  sectorTrainingCompletedOn: string | null;
  sectorTrainingDeadline: string | null;
}

export function trainerTermsByIds(manager: EntityManager, ids: readonly string[]): Promise<TrainerTerms[]> {
  if (!ids.length) return Promise.resolve([]);
  return manager.query(
    `SELECT id, company_id AS "companyId", qualification_level AS "qualificationLevel", years_of_experience AS "yearsOfExperience",
            course_completed_on::text AS "courseCompletedOn", refresher_completed_on::text AS "refresherCompletedOn",
            sector_training_completed_on::text AS "sectorTrainingCompletedOn", sector_training_deadline::text AS "sectorTrainingDeadline"
       FROM trainers WHERE id = ANY($1)`,
    [[...ids]],
  );
}

export function trainersByIds(manager: EntityManager, ids: readonly string[]): Promise<TrainerEntity[]> {
  if (!ids.length) return Promise.resolve([]);
  return manager.findBy(TrainerEntity, { id: In([...ids]) });
}

/** An accreditation's facts for its messages (company, crebo, branch, reasons, dates), on the announcer's manager. */
export function accreditationsForMessages<T>(db: Queryable, ids: string[]): Promise<T[]> {
  return db.query<T>(
    `SELECT a.id, a.company_id, a.crebo, b.name AS branch, a.revocation_reason AS reason, a.lapse_reason, a.lapsed_on::text AS lapsed_on, a.valid_until::text AS valid_until
       FROM accreditations a JOIN branches b ON b.id = a.branch_id WHERE a.id = ANY($1::uuid[])`,
    [ids],
  );
}
