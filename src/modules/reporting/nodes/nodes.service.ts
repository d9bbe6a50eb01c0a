import { Injectable } from '@nestjs/common';
import { type Actor, hasRole, Role } from '../../../common/auth/roles';
import { AccreditationLifecycleService } from '../../companies/accreditation-lifecycle.service';
import { ComplianceService } from '../../compliance/compliance.service';
import { ApiKeysService } from '../../organizations/api-keys/api-keys.service';
import { InvitationsService } from '../../organizations/invitations/invitations.service';
import { QualificationsService } from '../../qualifications/qualifications.service';
import { BadUserInputError, NotFoundError } from '../../../common/errors/domain-errors';
import { NODE_TYPE } from '../../../common/graphql/node';
import { MAX_PAGE_SIZE } from '../../../common/graphql/pagination';
import { AgreementsService } from '../../agreements/agreements.service';
import { CompaniesService } from '../../companies/companies.service';
import { InternshipLifecycleService } from '../../internships/internship-lifecycle.service';
import { SelfFoundInternshipsService } from '../../internships/self-found-internships.service';
import { MatchingPolicy } from '../../matching/matching.policy';
import { MatchRoundsService } from '../../matching/match-rounds.service';
import { ProposalsService } from '../../matching/proposals.service';
import { MeldpuntService } from '../../meldpunt/meldpunt.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PlacementsService } from '../../placements/placements.service';
import { SchoolTasksService } from '../../school-tasks/school-tasks.service';
import { StudentsService } from '../../students/students.service';
import { NormSetsService } from '../../compliance/norm-sets.service';
import { PoksService } from '../../internships/poks.service';
import { AssessmentsService } from '../../internships/assessments/assessments.service';
import { GuidanceService } from '../../internships/guidance.service';
import { HoursService } from '../../internships/hours/hours.service';
import { TrainerAssignmentsService } from '../../companies/trainer-assignments.service';
import { NODE_TABLES, type NodeTypeName, NodeTypesReads } from './node-types.reads';
import { type NodeLookup, NodeLookups } from '../../../common/graphql/node-lookups';
import { AuditLogService } from '../../../common/audit/audit-log.service';

type Lookup = Omit<NodeLookup, 'table'>;

/**
 * `node(id)` and `nodes(ids)`: finds each id's type in one statement, then calls that type's own
 * lookup, so the authorization is exactly the lookup's (a school never gets another school's student,
 * a company never a student at all: students are the school's; identity is a field of the school's).
 */
@Injectable()
export class NodesService {
  private readonly lookups: Record<NodeTypeName, Lookup>;

  constructor(
    private readonly types: NodeTypesReads,
    private readonly registered: NodeLookups,
    agreements: AgreementsService,
    companies: CompaniesService,
    internships: InternshipLifecycleService,
    registrations: SelfFoundInternshipsService,
    rounds: MatchRoundsService,
    proposals: ProposalsService,
    meldpunt: MeldpuntService,
    organizations: OrganizationsService,
    placements: PlacementsService,
    tasks: SchoolTasksService,
    students: StudentsService,
    normSets: NormSetsService,
    poks: PoksService,
    assignments: TrainerAssignmentsService,
    accreditationLifecycle: AccreditationLifecycleService,
    compliance: ComplianceService,
    apiKeys: ApiKeysService,
    invitations: InvitationsService,
    register: QualificationsService,
    guidance: GuidanceService,
    hours: HoursService,
    assessments: AssessmentsService,
    auditLog: AuditLogService,
  ) {
    const anyone = [Role.AUTHENTICATED];
    // An internship's parties: its company, the student's school, and (issue #17) the student herself.
    const parties = [Role.COMPANY, Role.SCHOOL, Role.STUDENT];
    const admins = [Role.SCHOOL_ADMIN, Role.COMPANY_ADMIN, Role.SBB_ADMIN, Role.PLATFORM_ADMIN];
    this.lookups = {
      Accreditation: { roles: anyone, find: (_actor, id) => companies.findAccreditation(id) },
      AccreditationRefusal: { roles: [Role.SBB, Role.COMPANY], find: (actor, id) => accreditationLifecycle.findRefusal(actor, id) },
      Agreement: { roles: [Role.SCHOOL, Role.COMPANY, Role.SBB, Role.PLATFORM], find: (actor, id) => agreements.find(actor, id) },
      AgreementCommitment: { roles: [Role.SCHOOL, Role.COMPANY, Role.SBB, Role.PLATFORM], find: (actor, id) => agreements.findCommitment(actor, id) },
      ApiKey: { roles: admins, find: (actor, id) => apiKeys.find(actor, id) },
      AuditEntry: { roles: [Role.SBB], find: (_actor, id) => auditLog.find(id) },
      Branch: { roles: anyone, find: (_actor, id) => companies.findBranch(id) },
      ComplianceEvaluation: { roles: anyone, find: (actor, id) => compliance.findEvaluation(actor, id) },
      ContactMoment: { roles: [Role.COMPANY, Role.SCHOOL], find: (actor, id) => guidance.findContactMoment(actor, id) },
      DiscriminationReport: { roles: [Role.SCHOOL, Role.SBB], find: (actor, id) => meldpunt.find(actor, id) },
      DiscriminationReportTransition: { roles: [Role.SCHOOL, Role.SBB], find: (actor, id) => meldpunt.findTransition(actor, id) },
      HourWeek: { roles: parties, find: (actor, id) => hours.findWeek(actor, id) },
      Internship: { roles: parties, find: (actor, id) => internships.find(actor, id) },
      InternshipAssessment: { roles: parties, find: (actor, id) => assessments.findById(actor, id) },
      InternshipEvaluation: { roles: [Role.COMPANY, Role.SCHOOL], find: (actor, id) => guidance.findEvaluation(actor, id) },
      InternshipRegistration: { roles: parties, find: (actor, id) => registrations.find(actor, id) },
      Invitation: { roles: admins, find: (actor, id) => invitations.find(actor, id) },
      MatchRound: { roles: anyone, find: (_actor, id) => rounds.find(id) },
      NormSet: { roles: anyone, find: (_actor, id) => normSets.find(id) },
      Organization: { roles: anyone, find: (_actor, id) => organizations.findOrganization(id) },
      Placement: { roles: anyone, find: (actor, id) => placements.findVisible(actor, id) },
      Pok: { roles: parties, find: (actor, id) => poks.find(actor, id) },
      Proposal: { roles: parties, find: (actor, id) => proposals.find(actor, MatchingPolicy.sideOf(actor), id) },
      QualificationDossier: { roles: anyone, find: (_actor, id) => register.findVersion(id) },
      SchoolTask: { roles: [Role.SCHOOL, Role.SBB, Role.PLATFORM], find: (actor, id) => tasks.find(actor, id) },
      Student: { roles: [Role.SCHOOL], find: (actor, id) => students.findOwn(actor, id) },
      Trainer: { roles: anyone, find: (actor, id) => companies.findTrainer(actor, id) },
      TrainerAssignment: { roles: [Role.COMPANY, Role.SBB, Role.PLATFORM], find: (actor, id) => assignments.find(actor, id) },
      User: { roles: anyone, find: (actor, id) => organizations.findVisibleUser(actor, id) },
    };
  }

  /** Every node type's table: reporting's own and the self-registered. */
  private get tables(): Record<string, string> {
    return { ...NODE_TABLES, ...Object.fromEntries([...this.registered.registered].map(([type, lookup]) => [type, lookup.table])) };
  }

  async node(actor: Actor, id: string): Promise<object> {
    const type = (await this.types.typesOf([id], this.tables)).get(id);
    if (!type) throw new NotFoundError('Node');
    return this.fetch(actor, type, id);
  }

  async nodes(actor: Actor, ids: string[]): Promise<(object | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) throw BadUserInputError.field('ids', `at most ${MAX_PAGE_SIZE} ids`);
    const types = await this.types.typesOf([...new Set(ids)], this.tables);
    return Promise.all(
      ids.map(async (id) => {
        const type = types.get(id);
        if (!type) return null;
        try {
          return await this.fetch(actor, type, id);
        } catch (error) {
          if (error instanceof NotFoundError) return null;
          throw error;
        }
      }),
    );
  }

  /** The type's own lookup; a role it does not allow is NOT_FOUND, word for word as an unknown id. */
  private async fetch(actor: Actor, type: string, id: string): Promise<object> {
    const lookup = this.lookups[type as NodeTypeName] ?? this.registered.registered.get(type)!;
    if (!lookup.roles.some((role) => hasRole(actor, role))) throw new NotFoundError('Node');
    try {
      return Object.assign(await lookup.find(actor, id), { [NODE_TYPE]: type });
    } catch (error) {
      // The type's own NOT_FOUND names the type ("Student was not found"); node answers as for an unknown id.
      if (error instanceof NotFoundError) throw new NotFoundError('Node');
      throw error;
    }
  }
}
