import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError } from '../../common/errors/domain-errors';
import { type Connection, type ConnectionArgs, orderingOf, paginate, SortDirection } from '../../common/graphql/pagination';
import { Events } from '../events/events';
import { InternshipEvent } from './internships.events';
import { Clock } from '../../common/clock/clock';
import { isUniqueViolation } from '../../database/postgres-errors';
import { Transactions } from '../../database/transactions';
import { StudentsService } from '../students/students.service';
import { TrainerAssignmentsService } from '../companies/trainer-assignments.service';
import { placementPokTerms, type PlacementPokTerms } from '../placements/placements.facts';
import type { InternshipRegistrationEntity } from './internship-registration.entity';
import type { CompleteInternshipInput, EvaluationInput, TerminateInternshipInput } from './dto/guidance.input';
import { EvaluationEntity, Evaluator } from './evaluation.entity';
import { InternshipEntity, InternshipStatus, ONE_SEAT_PER_STUDENT } from './internship.entity';
import { InternshipsRepository } from './internships.repository';
import { PoksService } from './poks.service';
import { InvitationsService } from '../organizations/invitations/invitations.service';
import { AssessmentsService } from './assessments/assessments.service';
import { COMPLETION_HOURS_MARGIN, HoursService } from './hours/hours.service';

/** R18: the end evaluations an internship needs before it closes. */
const REQUIRED_EVALUATIONS = [Evaluator.STUDENT, Evaluator.TRAINER, Evaluator.SCHOOL];

@Injectable()
export class InternshipLifecycleService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly internships: InternshipsRepository,
    private readonly poks: PoksService,
    private readonly students: StudentsService,
    private readonly clock: Clock,
    private readonly events: Events,
    private readonly trainerAssignments: TrainerAssignmentsService,
    private readonly invitations: InvitationsService,
    private readonly hours: HoursService,
    private readonly assessments: AssessmentsService,
  ) {}

  /** The actor's side's internships, one page in the asked order (START_DATE by default). */
  list(actor: Actor, { status, orderBy }: { status?: InternshipStatus; orderBy?: { field: 'START_DATE' | 'END_DATE' | 'CREATED_AT'; direction: SortDirection } }, page: ConnectionArgs): Promise<Connection<InternshipEntity>> {
    const ordering = orderingOf(
      { START_DATE: 'internship.startDate', END_DATE: 'internship.endDate', CREATED_AT: 'internship.createdAt' },
      'internship.id',
      orderBy,
      { field: 'START_DATE', direction: SortDirection.ASC },
    );
    return paginate(this.internships.listQuery(actor, status), page, { ordering });
  }

  /** One internship the actor is a party to (NOT_FOUND otherwise). */
  find(actor: Actor, id: string): Promise<InternshipEntity> {
    return this.internships.findForParty(actor, id);
  }

  /** The seat the student holds (a planned or active internship), if any. */
  seatHeldBy(studentId: string): Promise<Pick<InternshipEntity, 'id' | 'status' | 'placementId'> | null> {
    return this.internships.seatOf(studentId);
  }

  /**
   * Both sides accepted the proposal: the internship takes the seat, gets its POK, version 1 (R8),
   * and the placement's praktijkopleider is assigned to her (R6 counts her from now on). The caller
   * holds the placement's row lock and has checked its free seats. Null when another acceptance for
   * the same student committed first (one student holds one seat: the unique index decides).
   */
  async createFromAcceptedProposal(
    actor: Actor,
    proposal: { id: string; studentId: string; companyId: string; schoolId: string },
    placement: { id: string; startDate: string; endDate: string },
  ): Promise<InternshipEntity | null> {
    return this.transactions.run(async () => {
      const terms = (await placementPokTerms(this.transactions.manager, placement.id))!;
      return this.create(actor, { proposalId: proposal.id, studentId: proposal.studentId, placementId: placement.id, companyId: proposal.companyId, schoolId: proposal.schoolId }, terms);
    });
  }

  /**
   * The company confirmed a self-found internship and the rules allowed it (the caller judged
   * them): PLANNED with POK version 1 and the named praktijkopleider assigned, exactly as a matched
   * one. With a placement the caller holds its row lock and checked its seats. Null when the
   * student already holds a seat (the unique index decides).
   */
  createFromRegistration(actor: Actor, registration: InternshipRegistrationEntity): Promise<InternshipEntity | null> {
    const { id, studentId, placementId, companyId, schoolId, branchId, trainerId, crebo, level, leerweg, startDate, endDate, hoursPerWeek, werkprocessen } = registration;
    const { stipendMonthlyCents, expenseAllowanceCents, employmentContract } = registration;
    return this.create(
      actor,
      { registrationId: id, studentId, placementId, companyId, schoolId },
      { companyId, branchId, trainerId, crebo, level, leerweg, startDate, endDate, hoursPerWeek, werkprocessen, stipendMonthlyCents, expenseAllowanceCents, employmentContract },
    );
  }

  private async create(
    actor: Actor,
    origin: Pick<InternshipEntity, 'studentId' | 'placementId' | 'companyId' | 'schoolId'> & Partial<Pick<InternshipEntity, 'proposalId' | 'registrationId'>>,
    terms: PlacementPokTerms & { crebo?: string; employmentContract?: boolean },
  ): Promise<InternshipEntity | null> {
    let created: InternshipEntity;
    try {
      created = await this.internships.insertInternship({ proposalId: null, registrationId: null, ...origin, startDate: terms.startDate, endDate: terms.endDate });
    } catch (error) {
      if (isUniqueViolation(error, ONE_SEAT_PER_STUDENT)) return null;
      throw error;
    }
    // R6 counts her from now on: a matched one adopts the praktijkopleider the company reserved for
    // her while the proposal was open, else gets the placement's; a self-found one the one named.
    let trainerId = terms.trainerId;
    if (trainerId) {
      const assignment = { trainerId, placementId: created.placementId, internshipId: created.id, studentId: created.studentId, startDate: created.startDate, endDate: created.endDate };
      const made = origin.proposalId
        ? await this.trainerAssignments.adoptOrRecordForInternship(actor, created.companyId, assignment)
        : await this.trainerAssignments.recordForInternship(actor, created.companyId, assignment);
      trainerId = made.trainerId;
    }
    const pok = await this.poks.generate(created, { ...terms, trainerId });
    // PLANNED: each side that still has to sign is told, with a link to the POK (R8).
    await this.events.emit(InternshipEvent.POK_SIGNATURES_AWAITED, { pokId: pok.id });
    await this.audit.record(actor, { action: 'internship.created', entityType: 'internship', entityId: created.id, after: created });
    return created;
  }

  /**
   * An end evaluation (R18, R19): the student records her own (issue #17), the company the
   * praktijkopleider's, the school its own; the school records the student's only for a student
   * without an active account of her own, on her behalf (audited as such).
   */
  async evaluate(actor: Actor, internshipId: string, input: EvaluationInput): Promise<EvaluationEntity> {
    return this.transactions.run(async () => {
      const internship = await this.internships.lockForParty(actor, internshipId);
      const mayRecord = actor.studentId ? [Evaluator.STUDENT] : actor.organizationType === OrganizationType.COMPANY ? [Evaluator.TRAINER] : [Evaluator.STUDENT, Evaluator.SCHOOL];
      if (!mayRecord.includes(input.evaluator)) throw BadUserInputError.field('input.evaluator', `you record ${mayRecord.join(' and ')}`, 'R19');
      const onBehalf = !actor.studentId && input.evaluator === Evaluator.STUDENT;
      if (onBehalf && (await this.invitations.studentAccounts([internship.studentId])).get(internship.studentId) === 'ACTIVE') {
        throw BadUserInputError.field('input.evaluator', 'the student has her own account and records her end evaluation herself', 'R19');
      }
      if (internship.status !== InternshipStatus.ACTIVE) throw new ConflictError(`Internship ${internshipId} is ${internship.status}, not ACTIVE`);
      if (await this.internships.hasEvaluation(internshipId, input.evaluator)) {
        throw new ConflictError(`The ${input.evaluator.toLowerCase()} evaluation is already recorded`);
      }
      const evaluation = await this.internships.insertEvaluation({ ...input, comments: input.comments ?? null, internshipId, recordedByUserId: actor.userId });
      await this.audit.record(actor, {
        action: onBehalf ? 'internship.evaluated_on_behalf_of_student' : 'internship.evaluated',
        entityType: 'internship',
        entityId: internshipId,
        after: { ...evaluation, onBehalfOfStudent: onBehalf },
      });
      return evaluation;
    });
  }

  /**
   * ACTIVE → COMPLETED (issue #17), only when every condition holds, else an error naming what is
   * missing and nothing written: on or after the end date (before it only with a reason code,
   * audited); the end evaluations of student, praktijkopleider and school (R18); the assessment
   * confirmed by the school; approved hours of at least COMPLETION_HOURS_MARGIN of the POK's total
   * hours (R10), or a reason for the shortfall (`hoursShortfallReason`, audited).
   */
  async complete(actor: Actor, internshipId: string, input: CompleteInternshipInput = {}): Promise<InternshipEntity> {
    return this.transactions.run(async () => {
      const internship = await this.internships.lockForParty(actor, internshipId);
      if (internship.status !== InternshipStatus.ACTIVE) throw new ConflictError(`Internship ${internshipId} is ${internship.status}, not ACTIVE`);
      const early = this.clock.today() < internship.endDate;
      if (early && !input.earlyCompletionReason) {
        throw BadUserInputError.field('input.earlyCompletionReason', `the internship ends on ${internship.endDate}; completing it earlier needs a reason code`);
      }
      const given = (await this.internships.evaluationsOfInternship(internshipId)).map((evaluation) => evaluation.evaluator);
      const missing = REQUIRED_EVALUATIONS.filter((evaluator) => !given.includes(evaluator));
      if (missing.length) throw new ConflictError(`The internship closes only with every end evaluation (R18): missing ${missing.join(', ')}`);
      if (!(await this.assessments.isConfirmed(internshipId))) {
        throw new ConflictError('The internship closes only with its assessment per werkproces, confirmed by the school: the assessment is not confirmed');
      }
      const totalHours = (await this.poks.current(internshipId))!.terms.totalHours;
      const required = Math.round(totalHours * COMPLETION_HOURS_MARGIN * 100) / 100;
      const approved = await this.hours.approvedTotal(internshipId);
      const shortfallReason = input.hoursShortfallReason?.trim() || null;
      if (approved < required && !shortfallReason) {
        throw BadUserInputError.field(
          'input.hoursShortfallReason',
          `${approved} approved hours; completing needs ${required} (${COMPLETION_HOURS_MARGIN * 100}% of the POK's ${totalHours} hours) or a reason for the shortfall`,
          'R10',
        );
      }
      // Her hours judged once more on the day it closes: R10 weighs a BBL internship's total once its period is over.
      await this.hours.judge(internship);
      Object.assign(internship, {
        status: InternshipStatus.COMPLETED,
        endedAt: this.clock.now(),
        earlyCompletionReason: early ? input.earlyCompletionReason! : null,
        hoursShortfallReason: approved < required ? shortfallReason : null,
      });
      await this.internships.saveInternship(internship);
      await this.trainerAssignments.endForInternships(actor, [internshipId]);
      await this.audit.record(actor, { action: 'internship.completed', entityType: 'internship', entityId: internshipId, after: { ...internship, approvedHours: approved, requiredHours: required } });
      return internship;
    });
  }

  /**
   * Either party ends the internship early with a reason code (and an optional note). The seat is free again, the student
   * gets priority in the next match round, and her school (and the company) are told.
   */
  async terminate(actor: Actor, internshipId: string, input: TerminateInternshipInput): Promise<InternshipEntity> {
    return this.transactions.run(async () => {
      const internship = await this.internships.lockForParty(actor, internshipId);
      if (internship.status !== InternshipStatus.PLANNED && internship.status !== InternshipStatus.ACTIVE) {
        throw new ConflictError(`Internship ${internshipId} is ${internship.status} and can no longer be terminated`);
      }
      Object.assign(internship, {
        status: InternshipStatus.TERMINATED,
        endedAt: this.clock.now(),
        terminationCode: input.code,
        terminationReason: input.reason ?? null,
        terminatedByOrganizationId: actor.organizationId,
      });
      await this.internships.saveInternship(internship);
      await this.trainerAssignments.endForInternships(actor, [internshipId]);
      await this.students.setRematchPriority(actor, [internship.studentId], true);
      await this.audit.record(actor, { action: 'internship.terminated', entityType: 'internship', entityId: internshipId, after: internship });
      await this.events.emit(InternshipEvent.INTERNSHIP_TERMINATED, { internshipId });
      return internship;
    });
  }

}
