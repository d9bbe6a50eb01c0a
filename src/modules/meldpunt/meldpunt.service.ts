import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, type FieldProblem, ForbiddenError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { type Connection, type ConnectionArgs, orderingOf, paginate, SortDirection } from '../../common/graphql/pagination';
import { Clock } from '../../common/clock/clock';
import { Transactions } from '../../database/transactions';
import { studentsWithTrainerAt } from '../companies/companies.facts';
import { CompaniesService } from '../companies/companies.service';
import { Events } from '../events/events';
import { MeldpuntEvent } from './meldpunt.events';
import { internshipOfSchool, schoolHadInternshipAt } from '../internships/internships.facts';
import { schoolHadProposalFrom } from '../matching/matching.facts';
import { organizationType } from '../organizations/organizations.facts';
import { PlacementStatus } from '../placements/placement.entity';
import { placementStatusAtCompany } from '../placements/placements.facts';
import { SchoolTasksService } from '../school-tasks/school-tasks.service';
import { StudentsFacts } from '../students/students.facts';
import { type DiscriminationReportEntity, type ReportTransitionEntity, ReportStatus, Sanction } from './discrimination-report.entity';
import { MeldpuntRepository } from './meldpunt.repository';
import type { DiscriminationReportsArgs, FileDiscriminationReportInput, FileMyDiscriminationReportInput, SanctionInput } from './dto/discrimination-report.input';
import { MeldpuntPolicy } from './meldpunt.policy';

/** One step of the R22 flow: who takes it, from which status, to which. */
interface Step {
  by: OrganizationType.SCHOOL | OrganizationType.SBB;
  from: ReportStatus;
  to: ReportStatus;
  /** The audit action, `discrimination_report.<action>`. */
  action: string;
}

/** The R22 flow. Any other move is a CONFLICT naming the report's current status. */
const STEPS = {
  investigate: { by: OrganizationType.SCHOOL, from: ReportStatus.RECEIVED, to: ReportStatus.INVESTIGATING, action: 'investigation_started' },
  resolve: { by: OrganizationType.SCHOOL, from: ReportStatus.INVESTIGATING, to: ReportStatus.RESOLVED, action: 'resolved' },
  escalate: { by: OrganizationType.SCHOOL, from: ReportStatus.INVESTIGATING, to: ReportStatus.ESCALATED_TO_SBB, action: 'escalated' },
  dismiss: { by: OrganizationType.SBB, from: ReportStatus.ESCALATED_TO_SBB, to: ReportStatus.RESOLVED, action: 'dismissed' },
  sanction: { by: OrganizationType.SBB, from: ReportStatus.ESCALATED_TO_SBB, to: ReportStatus.SANCTIONED, action: 'sanctioned' },
} satisfies Record<string, Step>;

/**
 * The meldpunt (R22): schools file discrimination reports about companies and take them through
 * investigation to a resolution or to SBB, which may sanction. The company never reads a report,
 * and no message to it names the reporter, the school or the student.
 */
@Injectable()
export class MeldpuntService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly reports: MeldpuntRepository,
    private readonly companies: CompaniesService,
    private readonly schoolTasks: SchoolTasksService,
    private readonly students: StudentsFacts,
    private readonly clock: Clock,
    private readonly events: Events,
  ) {}

  /**
   * A school files a report (RECEIVED). Everything it names is checked first and nothing is written
   * on bad input. A report about a company where the school has no student is allowed but flagged.
   * When it names a student, her school gets an AFTERCARE task.
   */
  file(actor: Actor, input: FileDiscriminationReportInput): Promise<DiscriminationReportEntity> {
    return this.fileReport(actor, input, { filedByStudent: false, shareIdentityWithCompany: false });
  }

  /**
   * R22, issue #17: a student files a report herself, about a company (optionally one placement, or
   * her own internship there). It is about her: her school gets the AFTERCARE task, and the company
   * never learns who filed it unless `shareIdentityWithCompany` (default false). Another student's
   * internship is NOT_FOUND, as an unknown id.
   */
  fileForHerself(actor: Actor, input: FileMyDiscriminationReportInput): Promise<DiscriminationReportEntity> {
    const studentId = MeldpuntPolicy.reportingStudent(actor);
    const { shareIdentityWithCompany, ...report } = input;
    return this.fileReport(actor, { ...report, studentId }, { filedByStudent: true, shareIdentityWithCompany: shareIdentityWithCompany ?? false });
  }

  /** The reports a student filed herself, newest first (R22). */
  filedByHerself(actor: Actor, page: ConnectionArgs): Promise<Connection<DiscriminationReportEntity>> {
    return paginate(this.reports.filedByStudentQuery(MeldpuntPolicy.reportingStudent(actor)), page);
  }

  private async fileReport(
    actor: Actor,
    input: FileDiscriminationReportInput,
    how: Pick<DiscriminationReportEntity, 'filedByStudent' | 'shareIdentityWithCompany'>,
  ): Promise<DiscriminationReportEntity> {
    return this.transactions.run(async () => {
      const manager = this.transactions.manager;
      const problems: FieldProblem[] = [];
      const problem = (field: string, message: string) => problems.push({ path: `input.${field}`, message, rule: 'R22' });
      const schoolId = actor.organizationId;
      if (input.incidentDate > this.clock.today()) problem('incidentDate', `incidentDate ${input.incidentDate} is in the future`);
      if ((await organizationType(manager, input.companyId)) !== OrganizationType.COMPANY) problem('companyId', `${input.companyId} is not a company (leerbedrijf)`);
      // What the school may not see answers as if it did not exist (NOT_FOUND, README "Errors").
      if (input.studentId && !(await this.students.isOfSchool(input.studentId, schoolId))) ownedOrNotFound('Student', null, { field: 'input.studentId' });
      if (input.placementId) {
        const status = await placementStatusAtCompany(manager, input.placementId, input.companyId);
        ownedOrNotFound('Placement', status, { visible: (found) => found !== PlacementStatus.DRAFT, field: 'input.placementId' });
      }
      const internship = input.internshipId
        ? ownedOrNotFound('Internship', await internshipOfSchool(manager, input.internshipId, schoolId), {
            // A student reaches her own internships only; a classmate's is as unknown as another school's.
            visible: (found) => !how.filedByStudent || found.studentId === input.studentId,
            field: 'input.internshipId',
          })
        : null;
      if (internship) {
        if (internship.companyId !== input.companyId) problem('internshipId', `internship ${input.internshipId} is not at this company`);
        else if (input.studentId && internship.studentId !== input.studentId) problem('internshipId', `internship ${input.internshipId} is not this student's`);
        else if (input.placementId && internship.placementId !== input.placementId) problem('internshipId', `internship ${input.internshipId} is not at this placement`);
      }
      if (problems.length) throw new BadUserInputError(problems);

      const report = await this.reports.insertReport({
          schoolId,
          reportedByUserId: actor.userId,
          companyId: input.companyId,
          studentId: input.studentId ?? internship?.studentId ?? null,
          placementId: input.placementId ?? internship?.placementId ?? null,
          internshipId: internship?.id ?? null,
          ground: input.ground,
          description: input.description,
          incidentDate: input.incidentDate,
          noStudentLink: !(await this.hasStudentLink(schoolId, input.companyId)),
          ...how,
      });
      await this.recordStep(actor, report, null, null, 'filed', { ...report });
      if (report.studentId) await this.schoolTasks.openAftercare(actor, { schoolId, studentId: report.studentId, reportId: report.id });
      return report;
    });
  }

  /** RECEIVED → INVESTIGATING, by the reporting school. */
  investigate(actor: Actor, id: string, note?: string): Promise<DiscriminationReportEntity> {
    return this.transition(actor, id, STEPS.investigate, note ?? null);
  }

  /** INVESTIGATING → ESCALATED_TO_SBB, by the reporting school; SBB is told. */
  escalate(actor: Actor, id: string, note?: string): Promise<DiscriminationReportEntity> {
    return this.transition(actor, id, STEPS.escalate, note ?? null, async (report) => {
      await this.events.emit(MeldpuntEvent.DISCRIMINATION_REPORT_ESCALATED, { reportId: report.id });
    });
  }

  /** → RESOLVED with a note: the school from INVESTIGATING, SBB (dismissing it) from ESCALATED_TO_SBB. */
  resolve(actor: Actor, id: string, note: string): Promise<DiscriminationReportEntity> {
    const step = actor.organizationType === OrganizationType.SBB ? STEPS.dismiss : STEPS.resolve;
    return this.transition(actor, id, step, note, async (report) => {
      report.resolutionNote = note;
    });
  }

  /**
   * ESCALATED_TO_SBB → SANCTIONED, by SBB. WARNING: recorded, and the company's admins are told
   * without the reporter. REVOCATION: every active accreditation of the company is revoked in this
   * transaction, with R2's cascade (placements suspended, schools told, replacement searches).
   */
  sanction(actor: Actor, id: string, input: SanctionInput): Promise<DiscriminationReportEntity> {
    return this.transition(actor, id, STEPS.sanction, input.reason, async (report) => {
      Object.assign(report, { sanction: input.sanction, sanctionReason: input.reason });
      if (input.sanction === Sanction.WARNING) {
        await this.events.emit(MeldpuntEvent.COMPANY_WARNED, { reportId: report.id });
        return {};
      }
      const revoked = await this.companies.revokeAllOfCompany(actor, report.companyId, `Sanctie na een melding van discriminatie (R22): ${input.reason}`);
      return { revokedAccreditationIds: revoked.map((accreditation) => accreditation.id) };
    });
  }

  /** SBB reads every report; a school its own (another school's is NOT_FOUND, as if it did not exist). */
  async find(actor: Actor, id: string): Promise<DiscriminationReportEntity> {
    return this.readable(actor, await this.reports.findReport(id));
  }

  /** One step of a report's history (node(id)), for whoever reads the report's transitions: its school and SBB. */
  async findTransition(actor: Actor, id: string): Promise<ReportTransitionEntity> {
    const transition = await this.reports.transition(id);
    const readable = transition && (await this.find(actor, transition.reportId).then(() => true, () => false));
    return ownedOrNotFound('Discrimination report transition', readable ? transition : null);
  }

  list(actor: Actor, { filter: given, orderBy, ...page }: DiscriminationReportsArgs): Promise<Connection<DiscriminationReportEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const query = this.reports.listQuery(MeldpuntPolicy.listedSchool(actor));
    if (filter.status) query.andWhere('report.status = :status', { status: filter.status });
    if (filter.companyId) query.andWhere('report.companyId = :companyId', { companyId: filter.companyId });
    const ordering = orderingOf(
      {
        CREATED_AT: 'report.createdAt',
        UPDATED_AT: 'report.updatedAt',
        INCIDENT_DATE: ['report.incidentDate', 'report.createdAt'],
        STATUS: ['report.status', 'report.createdAt'],
      },
      'report.id',
      orderBy,
      { field: 'CREATED_AT', direction: SortDirection.DESC },
    );
    return paginate(query, page, { ordering });
  }

  private readable(actor: Actor, report: DiscriminationReportEntity | null): DiscriminationReportEntity {
    return ownedOrNotFound('Discrimination report', report, { visible: (found) => MeldpuntPolicy.mayRead(actor, found) });
  }

  /** Takes one step under the report's row lock: checks who and from where, applies it, keeps the history and audits it. */
  private async transition(
    actor: Actor,
    id: string,
    step: Step,
    note: string | null,
    apply?: (report: DiscriminationReportEntity) => Promise<object | void>,
  ): Promise<DiscriminationReportEntity> {
    return this.transactions.run(async () => {
      const report = this.readable(actor, await this.reports.lockReport(id));
      if (!MeldpuntPolicy.mayTakeStep(actor, step.by)) throw new ForbiddenError(`Only ${step.by === OrganizationType.SBB ? 'SBB' : 'the reporting school'} may take this step (R22)`);
      if (report.status !== step.from) {
        throw new ConflictError(`Discrimination report ${id} is ${report.status}; this step needs it ${step.from} (R22)`);
      }
      const from = report.status;
      report.status = step.to;
      const outcome = (await apply?.(report)) ?? {};
      await this.reports.saveReport(report);
      await this.recordStep(actor, report, from, note, step.action, { status: report.status, note, ...outcome });
      // Issue #17: the student who filed it herself follows it on her own account.
      if (report.filedByStudent) await this.events.emit(MeldpuntEvent.DISCRIMINATION_REPORT_PROGRESSED, { reportId: report.id });
      return report;
    });
  }

  private async recordStep(
    actor: Actor,
    report: DiscriminationReportEntity,
    from: ReportStatus | null,
    note: string | null,
    action: string,
    after: object,
  ): Promise<void> {
    await this.reports.insertTransition({
      reportId: report.id,
      fromStatus: from,
      toStatus: report.status,
      byUserId: actor.userId,
      byOrganizationId: actor.organizationId,
      note,
    });
    await this.audit.record(actor, {
      action: `discrimination_report.${action}`,
      entityType: 'discrimination_report',
      entityId: report.id,
      before: from ? { status: from } : null,
      after,
    });
  }

  /** Whether the school ever had a student at the company: a proposal, an internship or a trainer assignment. */
  private async hasStudentLink(schoolId: string, companyId: string): Promise<boolean> {
    const db = this.transactions.manager;
    if ((await schoolHadProposalFrom(db, schoolId, companyId)) || (await schoolHadInternshipAt(db, schoolId, companyId))) return true;
    const assigned = await studentsWithTrainerAt(db, companyId);
    return assigned.length > 0 && [...(await this.students.schoolsOf(assigned)).values()].includes(schoolId);
  }
}
