import { Injectable } from '@nestjs/common';
import { type DeepPartial, In, IsNull, LessThanOrEqual, type SelectQueryBuilder } from 'typeorm';
import { PreparedQueries } from '../../database/prepared-queries';
import { Transactions } from '../../database/transactions';
import { accreditationsOfBranches, type LoadQuestion, trainerLoads } from './companies.facts';
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

  /** R6: see `trainerLoads` in companies.facts.ts, the one definition. */
  trainerLoads(questions: LoadQuestion[]): Promise<number[]> {
    return trainerLoads(this.manager, questions);
  }
}
