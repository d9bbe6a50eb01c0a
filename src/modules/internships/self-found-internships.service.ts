import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { BadUserInputError, ConflictError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { type Connection, orderingOf, paginate, SortDirection } from '../../common/graphql/pagination';
import { Leerweg } from '../../common/qualification';
import { Transactions } from '../../database/transactions';
import { Events } from '../events/events';
import { InternshipEvent } from './internships.events';
import { CompaniesFacts, trainerTermsByIds } from '../companies/companies.facts';
import { TrainerAssignmentsService } from '../companies/trainer-assignments.service';
import { judgeInternshipTerms } from '../compliance/internship-compliance';
import { ComplianceRejection } from '../compliance/models/compliance.model';
import { PlacementStatus } from '../placements/placement.entity';
import { lockPlacementForSeat, PlacementsFacts } from '../placements/placements.facts';
import { StudentsFacts } from '../students/students.facts';
import type { ConfirmInternshipInput, DeclineInternshipInput, InternshipRegistrationsArgs, RegisterInternshipInput } from './dto/self-found.input';
import { InternshipLifecycleService } from './internship-lifecycle.service';
import { type InternshipRegistrationEntity, RegistrationStatus } from './internship-registration.entity';
import type { InternshipEntity } from './internship.entity';
import { InternshipsPolicy } from './internships.policy';
import { InternshipsRepository, seatsHeld } from './internships.repository';
import { QualificationsService } from '../qualifications/qualifications.service';

/**
 * Self-found internships (issue #16): the student found the place herself; her school registers
 * it, the company confirms or declines (R21), either side may withdraw before that. Confirmation
 * runs the same Stagepact rules as a placement (R1, R5–R7, R10–R16); what passes becomes an
 * internship like a matched one. Blindness (R20) is for matching: a student who went to the company
 * herself has shown who she is, so the company sees her name from the registration on.
 */
@Injectable()
export class SelfFoundInternshipsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly students: StudentsFacts,
    private readonly companies: CompaniesFacts,
    private readonly placements: PlacementsFacts,
    private readonly trainerAssignments: TrainerAssignmentsService,
    private readonly lifecycle: InternshipLifecycleService,
    private readonly events: Events,
    private readonly qualifications: QualificationsService,
    private readonly internships: InternshipsRepository,
  ) {}

  /** School staff register the place their student found; nothing is judged yet, the company answers first. */
  async register(actor: Actor, input: RegisterInternshipInput): Promise<InternshipRegistrationEntity> {
    if (input.endDate < input.startDate) throw BadUserInputError.field('input.endDate', 'the end date must not be before the start date', 'R8');
    if (input.leerweg === Leerweg.BBL && input.employmentContract !== true) {
      throw BadUserInputError.field('input.employmentContract', 'a BBL student works under an employment contract (R14)', 'R14');
    }
    if (input.leerweg === Leerweg.BOL && input.employmentContract) {
      throw BadUserInputError.field('input.employmentContract', 'a BOL student does a stage, not a job: no employment contract (R14 is for BBL)', 'R14');
    }
    // Issue #17: a student registers a place she found herself, for herself only (a classmate's id is the NOT_FOUND of an unknown one).
    const byStudent = actor.studentId !== undefined;
    if (byStudent && input.studentId !== actor.studentId) throw new NotFoundError('Student', { field: 'input.studentId' });
    return this.transactions.run(async () => {
      const manager = this.transactions.manager;
      if (!(await this.students.lockActiveOfSchool(input.studentId, actor.organizationId))) throw new NotFoundError('Student', { field: 'input.studentId' });
      // R4: the crebo valid on the internship's start, its werkproces codes from that dossier.
      await this.qualifications.requireValid([
        { crebo: input.crebo, date: input.startDate, werkprocessen: input.werkprocessen ?? [], creboField: 'input.crebo', werkprocessenField: 'input.werkprocessen' },
      ]);
      const branch = ownedOrNotFound('Branch', await this.companies.branch(input.branchId), { field: 'input.branchId' });
      if (input.placementId) {
        const placement = await this.placements.placement(input.placementId);
        // A placement of another branch, or one not open, is the same NOT_FOUND as an unknown id.
        if (!placement || placement.branchId !== branch.id || placement.status !== PlacementStatus.PUBLISHED) {
          throw new NotFoundError('Placement', { field: 'input.placementId' });
        }
      }
      if (input.trainerId) {
        const [trainer] = await trainerTermsByIds(manager, [input.trainerId]);
        if (trainer?.companyId !== branch.companyId) throw new NotFoundError('Trainer', { field: 'input.trainerId' });
      }
      const open = await this.internships.hasOpenRegistration(input.studentId, branch.companyId);
      if (open) throw new ConflictError(`Student ${input.studentId} already has a registration awaiting this company's answer`);
      const registration = await this.internships.insertRegistration({
          ...input,
          placementId: input.placementId ?? null,
          trainerId: input.trainerId ?? null,
          expenseAllowanceCents: input.expenseAllowanceCents ?? 0,
          employmentContract: input.employmentContract ?? false,
          werkprocessen: input.werkprocessen ?? [],
          schoolId: actor.organizationId,
          companyId: branch.companyId,
          registeredByUserId: actor.userId,
          registeredByStudent: byStudent,
          status: byStudent ? RegistrationStatus.AWAITING_SCHOOL : RegistrationStatus.REQUESTED,
      });
      await this.audit.record(actor, { action: 'internship_registration.registered', entityType: 'internship_registration', entityId: registration.id, after: registration });
      // Hers waits for her school's approval: only then is the company asked (and does it see it).
      if (byStudent) await this.events.emit(InternshipEvent.INTERNSHIP_AWAITING_SCHOOL, { registrationId: registration.id });
      else await this.events.emit(InternshipEvent.INTERNSHIP_REQUESTED, { registrationId: registration.id });
      return registration;
    });
  }

  /**
   * The company confirms, naming the praktijkopleider and correcting terms if it must. A BLOCK
   * finding refuses with ComplianceRejection and writes nothing (the registration stays
   * REQUESTED: the company may confirm corrected terms, or decline). Otherwise the internship is
   * PLANNED with POK version 1 and her praktijkopleider's assignment (R6). With a placement the
   * seat is taken under the placement's row lock, as a match takes it: never over capacity.
   */
  async confirm(actor: Actor, id: string, input: ConfirmInternshipInput): Promise<InternshipEntity | ComplianceRejection> {
    return this.transactions.run(async () => {
      const manager = this.transactions.manager;
      // Lock order (README, Operations): the trainer (R6 counts one confirmation after another),
      // then the placement whose seat it takes, then the registration.
      const unlocked = await this.companyRegistration(actor, id);
      const trainerId = input.trainerId ?? unlocked.trainerId;
      if (trainerId && !(await this.trainerAssignments.lockOwnTrainer(actor, trainerId))) throw new NotFoundError('Trainer', { field: 'input.trainerId' });
      const placement = unlocked.placementId ? await lockPlacementForSeat(manager, unlocked.placementId) : null;
      const registration = await this.lockOwn(actor, id);
      if (registration.status !== RegistrationStatus.REQUESTED) throw new ConflictError(`Internship registration ${id} is ${registration.status}`);
      const before = { ...registration };
      Object.assign(registration, {
        trainerId: trainerId ?? null,
        hoursPerWeek: input.hoursPerWeek ?? registration.hoursPerWeek,
        stipendMonthlyCents: input.stipendMonthlyCents ?? registration.stipendMonthlyCents,
        expenseAllowanceCents: input.expenseAllowanceCents ?? registration.expenseAllowanceCents,
      });
      const student = (await this.students.pokParty(registration.studentId))!;
      const { verdict, findings, normSetVersion } = await judgeInternshipTerms(manager, {
        ...registration,
        student: { dateOfBirth: student.dateOfBirth },
      });
      if (verdict === 'BLOCKED') return new ComplianceRejection(findings, normSetVersion, 'This internship');
      if (placement) {
        if (placement.status !== PlacementStatus.PUBLISHED) throw new ConflictError(`Placement ${placement.id} is ${placement.status}; no internship can start there (R1, R2)`);
        const taken = await seatsHeld(manager, placement.id);
        if (taken >= placement.capacity) throw new ConflictError(`Placement ${placement.id} has no free seat left (${taken} of ${placement.capacity} taken)`);
      }
      const internship = await this.lifecycle.createFromRegistration(actor, registration);
      if (!internship) throw new ConflictError(`Student ${registration.studentId} already holds a seat in another internship; one student holds one seat`);
      Object.assign(registration, { status: RegistrationStatus.CONFIRMED, decidedAt: this.clock.now(), internshipId: internship.id });
      await this.internships.saveRegistration(registration);
      await this.audit.record(actor, {
        action: 'internship_registration.confirmed',
        entityType: 'internship_registration',
        entityId: id,
        before,
        after: { ...registration, normSetVersion, findings },
      });
      await this.events.emit(InternshipEvent.INTERNSHIP_CONFIRMED, { registrationId: id });
      return internship;
    });
  }

  /**
   * Her school approves a place the student registered herself (issue #17): REQUESTED, and the
   * company is asked as for one the school registered (it judges the terms when it confirms: R1,
   * R5–R7, R10–R16). Only the school's staff; another school gets NOT_FOUND, as for an unknown id.
   */
  async approve(actor: Actor, id: string): Promise<InternshipRegistrationEntity> {
    return this.transactions.run(async () => {
      // Lock order as in `register`: the student, then her registration.
      const unlocked = await this.internships.findRegistration(id);
      if (unlocked && unlocked.schoolId === actor.organizationId && !(await this.students.lockActiveOfSchool(unlocked.studentId, actor.organizationId))) {
        throw new ConflictError(`Student ${unlocked.studentId} is archived; her registration can no longer be approved`);
      }
      const registration = await this.awaitingSchool(actor, id);
      if (await this.internships.hasOpenRegistration(registration.studentId, registration.companyId, registration.id)) {
        throw new ConflictError(`Student ${registration.studentId} already has a registration awaiting this company's answer`);
      }
      registration.status = RegistrationStatus.REQUESTED;
      await this.internships.saveRegistration(registration);
      await this.audit.record(actor, { action: 'internship_registration.approved_by_school', entityType: 'internship_registration', entityId: id, after: { status: registration.status } });
      await this.events.emit(InternshipEvent.INTERNSHIP_REQUESTED, { registrationId: id });
      return registration;
    });
  }

  /** Her school rejects a place she registered herself, with a reason she reads (issue #17); the company never learns of it. */
  async rejectRegistration(actor: Actor, id: string, reason: string): Promise<InternshipRegistrationEntity> {
    if (!reason.trim()) throw BadUserInputError.field('input.reason', 'reason must not be empty');
    return this.transactions.run(async () => {
      const registration = await this.awaitingSchool(actor, id);
      // Not `decidedAt`: that is the company's selection decision, which the adverse-impact audit counts (R23).
      Object.assign(registration, { status: RegistrationStatus.REJECTED_BY_SCHOOL, schoolRejectionReason: reason.trim() });
      await this.internships.saveRegistration(registration);
      await this.audit.record(actor, { action: 'internship_registration.rejected_by_school', entityType: 'internship_registration', entityId: id, after: { status: registration.status, reason: registration.schoolRejectionReason } });
      await this.events.emit(InternshipEvent.INTERNSHIP_REJECTED_BY_SCHOOL, { registrationId: id });
      return registration;
    });
  }

  /** A registration of the staff member's school, locked, that awaits its approval; NOT_FOUND for anyone else. */
  private async awaitingSchool(actor: Actor, id: string): Promise<InternshipRegistrationEntity> {
    const found = await this.internships.lockRegistration(id);
    const registration = ownedOrNotFound('InternshipRegistration', found, {
      visible: (row) => !actor.studentId && actor.organizationType === OrganizationType.SCHOOL && row.schoolId === actor.organizationId,
    });
    if (registration.status !== RegistrationStatus.AWAITING_SCHOOL) throw new ConflictError(`Internship registration ${id} is ${registration.status}, not AWAITING_SCHOOL`);
    return registration;
  }

  /** The company declines with a reason code (R21): audited, and a selection decision the adverse-impact audit counts (R23). */
  async decline(actor: Actor, id: string, input: DeclineInternshipInput): Promise<InternshipRegistrationEntity> {
    return this.transactions.run(async () => {
      await this.companyRegistration(actor, id);
      const registration = await this.lockOwn(actor, id);
      if (registration.status !== RegistrationStatus.REQUESTED) throw new ConflictError(`Internship registration ${id} is ${registration.status}`);
      Object.assign(registration, { status: RegistrationStatus.DECLINED, declineReason: input.reason, declineNote: input.note ?? null, decidedAt: this.clock.now() });
      await this.internships.saveRegistration(registration);
      await this.audit.record(actor, { action: 'internship_registration.declined', entityType: 'internship_registration', entityId: id, after: registration });
      await this.events.emit(InternshipEvent.INTERNSHIP_DECLINED, { registrationId: id });
      return registration;
    });
  }

  /** Either side withdraws before the company confirmed. */
  async withdraw(actor: Actor, id: string): Promise<InternshipRegistrationEntity> {
    return this.transactions.run(async () => {
      const registration = await this.lockOwn(actor, id);
      if (registration.status !== RegistrationStatus.REQUESTED) throw new ConflictError(`Internship registration ${id} is ${registration.status}; only a request can be withdrawn`);
      Object.assign(registration, { status: RegistrationStatus.WITHDRAWN, withdrawnByOrganizationId: actor.organizationId });
      await this.internships.saveRegistration(registration);
      await this.audit.record(actor, { action: 'internship_registration.withdrawn', entityType: 'internship_registration', entityId: id, after: registration });
      await this.events.emit(InternshipEvent.INTERNSHIP_REQUEST_WITHDRAWN, { registrationId: id, by: actor.organizationId });
      return registration;
    });
  }

  /** The registrations of the actor's school or company, newest first. */
  list(actor: Actor, { filter, status: looseStatus, orderBy, ...page }: InternshipRegistrationsArgs): Promise<Connection<InternshipRegistrationEntity>> {
    const status = filter?.status ?? looseStatus;
    const query = this.internships.registrationsQuery(actor);
    if (status) query.andWhere('registration.status = :status', { status });
    const ordering = orderingOf(
      { CREATED_AT: 'registration.createdAt', START_DATE: ['registration.startDate', 'registration.createdAt'] },
      'registration.id',
      orderBy,
      { field: 'CREATED_AT', direction: SortDirection.DESC },
    );
    return paginate(query, page, { ordering });
  }

  /** One registration of the actor's school or company; anyone else's is NOT_FOUND, as an unknown id. */
  async find(actor: Actor, id: string): Promise<InternshipRegistrationEntity> {
    const found = await this.internships.findRegistration(id);
    return ownedOrNotFound('InternshipRegistration', found, { visible: (row) => this.visible(actor, row) });
  }

  /** Its parties (issue #17: the company only once her school approved what she registered herself). */
  private visible(actor: Actor, row: InternshipRegistrationEntity): boolean {
    if (!InternshipsPolicy.isParty(actor, row)) return false;
    return actor.organizationType !== OrganizationType.COMPANY || InternshipsPolicy.companySees(row);
  }

  /** Confirming and declining are the company's answers; the school gets the NOT_FOUND of an unknown id. */
  private async companyRegistration(actor: Actor, id: string): Promise<InternshipRegistrationEntity> {
    const found = await this.internships.findRegistration(id);
    return ownedOrNotFound('InternshipRegistration', found, { visible: (row) => actor.organizationType === OrganizationType.COMPANY && row.companyId === actor.organizationId && InternshipsPolicy.companySees(row) });
  }

  private async lockOwn(actor: Actor, id: string): Promise<InternshipRegistrationEntity> {
    const found = await this.internships.lockRegistration(id);
    return ownedOrNotFound('InternshipRegistration', found, { visible: (row) => this.visible(actor, row) });
  }
}
