import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { ConflictError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { Transactions } from '../../database/transactions';
import { CompaniesPolicy } from './companies.policy';
import { CompaniesRepository } from './companies.repository';
import type { TrainerAssignmentsArgs } from './dto/trainer-assignment.input';
import type { TrainerAssignmentEntity } from './trainer-assignment.entity';
import type { TrainerEntity } from './trainer.entity';

/** The terms of a new assignment: a student at one of the company's placements or in one of its internships, for its period. */
export interface NewAssignment {
  trainerId: string;
  placementId: string | null;
  internshipId?: string | null;
  studentId: string;
  startDate: string;
  endDate: string;
}

/**
 * Trainer assignments (trainer_assignments): the module that judges R6/R7 (compliance) decides
 * whether one may be made; this service keeps the rows, their audit and the R6 load.
 */
@Injectable()
export class TrainerAssignmentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly companies: CompaniesRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The actor's company's trainer, row-locked for the rest of the ambient transaction, so
   * concurrent assignments to one trainer are counted one after another and never exceed R6.
   */
  lockOwnTrainer(actor: Actor, trainerId: string): Promise<TrainerEntity | null> {
    return this.companies.lockTrainerOfCompany(CompaniesPolicy.ownCompany(actor), trainerId);
  }

  /** The student's running assignment at the placement, row-locked: a new praktijkopleider ends it. */
  lockActiveAssignment(placementId: string, studentId: string): Promise<TrainerAssignmentEntity | null> {
    return this.companies.lockActiveAssignment(placementId, studentId);
  }

  /** The internship's running assignment, row-locked: another praktijkopleider ends it (R6). */
  lockRunningOfInternship(internshipId: string): Promise<TrainerAssignmentEntity | null> {
    return this.companies.lockRunningAssignmentOfInternship(internshipId);
  }

  /** Stores and audits an assignment the rules allowed, in the ambient transaction. */
  async record(actor: Actor, terms: NewAssignment, audited: Record<string, unknown> = {}): Promise<TrainerAssignmentEntity> {
    return this.recordFor(actor, CompaniesPolicy.ownCompany(actor), terms, audited);
  }

  /**
   * The assignment an internship gets when it is created (R6 counts it from then on), whoever's
   * answer created it: the company's confirmation, or the school's acceptance of a proposal.
   */
  recordForInternship(actor: Actor, companyId: string, terms: NewAssignment & { internshipId: string }): Promise<TrainerAssignmentEntity> {
    return this.recordFor(actor, companyId, terms);
  }

  /**
   * The assignment an internship from a match gets: the reservation the company made for her at the
   * placement while her proposal was open (`assignTrainer`), now hers, or else a new one for the
   * placement's praktijkopleider. From then on R6 counts her.
   */
  async adoptOrRecordForInternship(actor: Actor, companyId: string, terms: NewAssignment & { internshipId: string }): Promise<TrainerAssignmentEntity> {
    const reservation = terms.placementId ? await this.companies.lockReservation(terms.placementId, terms.studentId) : null;
    if (!reservation) return this.recordFor(actor, companyId, terms);
    reservation.internshipId = terms.internshipId;
    await this.companies.save(reservation);
    await this.audit.record(actor, { action: 'trainer.assigned', entityType: 'trainer_assignment', entityId: reservation.id, after: reservation });
    return reservation;
  }

  /** Changing the praktijkopleider ends the running assignment (the next one is recorded after it). */
  async replace(actor: Actor, running: TrainerAssignmentEntity): Promise<void> {
    running.endedAt = this.clock.now();
    await this.companies.save(running);
    await this.audit.record(actor, { action: 'trainer.unassigned', entityType: 'trainer_assignment', entityId: running.id, after: running });
  }

  /** An internship ended (completed or terminated): its praktijkopleider no longer counts it (R6). */
  async endForInternships(actor: Actor | null, internshipIds: string[]): Promise<void> {
    const ended = await this.companies.endAssignmentsOfInternships(internshipIds, this.clock.now());
    await this.audit.record(actor, ended.map((id) => ({ action: 'trainer.unassigned', entityType: 'trainer_assignment', entityId: id })));
  }

  private async recordFor(actor: Actor, companyId: string, terms: NewAssignment, audited: Record<string, unknown> = {}): Promise<TrainerAssignmentEntity> {
    const assignment = await this.companies.save(this.companies.newAssignment({ internshipId: null, ...terms, companyId, endedAt: null }));
    await this.audit.record(actor, { action: 'trainer.assigned', entityType: 'trainer_assignment', entityId: assignment.id, after: { ...assignment, ...audited } });
    return assignment;
  }

  /** Ends an assignment early (the student left, another trainer took over); frees the trainer's slot. */
  async end(actor: Actor, id: string): Promise<TrainerAssignmentEntity> {
    return this.transactions.run(async () => {
      const assignment = await this.companies.lockAssignmentOfCompany(CompaniesPolicy.ownCompany(actor), id);
      if (!assignment) throw new NotFoundError('Trainer assignment');
      if (assignment.endedAt) throw new ConflictError(`Trainer assignment ${id} has already ended`);
      assignment.endedAt = this.clock.now();
      await this.companies.save(assignment);
      await this.audit.record(actor, { action: 'trainer.unassigned', entityType: 'trainer_assignment', entityId: id, after: assignment });
      return assignment;
    });
  }

  /** One of the company's own assignments (SBB and the operator read any); anyone else gets NOT_FOUND. */
  async find(actor: Actor, id: string): Promise<TrainerAssignmentEntity> {
    const found = await this.companies.assignmentsQuery().where('assignment.id = :id', { id }).getOne();
    return ownedOrNotFound('TrainerAssignment', found, { visible: (assignment) => CompaniesPolicy.seesInternals(actor, assignment.companyId) });
  }

  list(actor: Actor, { filter, trainerId: looseTrainer, placementId: loosePlacement, activeOnly: looseActive, ...page }: TrainerAssignmentsArgs): Promise<Connection<TrainerAssignmentEntity>> {
    const trainerId = filter?.trainerId ?? looseTrainer;
    const placementId = filter?.placementId ?? loosePlacement;
    const activeOnly = filter?.activeOnly ?? looseActive;
    const query = this.companies
      .assignmentsQuery()
      .where('assignment.companyId = :companyId', { companyId: CompaniesPolicy.ownCompany(actor) })
      .orderBy('assignment.startDate')
      .addOrderBy('assignment.id');
    if (trainerId) query.andWhere('assignment.trainerId = :trainerId', { trainerId });
    if (placementId) query.andWhere('assignment.placementId = :placementId', { placementId });
    if (activeOnly ?? true) query.andWhere('assignment.endedAt IS NULL');
    return paginate(query, page);
  }
}
