import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, ForbiddenError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { type Connection, orderingOf, paginate, SortDirection } from '../../common/graphql/pagination';
import { Environment } from '../../config/environment';
import { Clock } from '../../common/clock/clock';
import { Transactions } from '../../database/transactions';
import { internshipsBetween } from '../internships/internships.facts';
import { NormSetHistory } from '../compliance/placement-compliance';
import { Events } from '../events/events';
import { AgreementEvent } from './agreements.events';
import { AgreementsPolicy } from './agreements.policy';
import { organizationType } from '../organizations/organizations.facts';
import { leerwegenOf, offeredCapacity } from '../placements/placements.facts';
import { StudentsFacts } from '../students/students.facts';
import { QualificationsService } from '../qualifications/qualifications.service';
import { type AgreementCommitmentEntity, type AgreementEntity, AgreementStatus } from './agreement.entity';
import { AgreementsRepository } from './agreements.repository';
import type { AgreementsArgs, AgreementTermsInput, CreateAgreementInput, TerminateAgreementInput } from './dto/agreement.input';


export interface FulfilmentRow {
  schoolYear: number;
  crebo: string;
  leerweg: string;
  committed: number;
  offered: number;
  started: number;
  completed: number;
  terminated: number;
  /** The day in this school year by which the committed places must be offered. */
  dueOn: string;
  /** Past that day with fewer places offered than committed. */
  underFulfilled: boolean;
}

@Injectable()
export class AgreementsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly students: StudentsFacts,
    private readonly env: Environment,
    private readonly clock: Clock,
    private readonly events: Events,
    private readonly agreements: AgreementsRepository,
    private readonly qualifications: QualificationsService,
  ) {}

  /** A school or company admin drafts version 1 with the other party. */
  async create(actor: Actor, input: CreateAgreementInput): Promise<AgreementEntity> {
    return this.transactions.run(async () => {
      const manager = this.transactions.manager;
      const wanted = actor.organizationType === OrganizationType.SCHOOL ? OrganizationType.COMPANY : OrganizationType.SCHOOL;
      if ((await organizationType(manager, input.counterpartyId)) !== wanted) {
        throw BadUserInputError.field('input.counterpartyId', `the other party must be a ${wanted.toLowerCase()}`);
      }
      const parties = actor.organizationType === OrganizationType.SCHOOL
        ? { schoolId: actor.organizationId, companyId: input.counterpartyId }
        : { schoolId: input.counterpartyId, companyId: actor.organizationId };
      const agreement = await this.draft(actor, { ...parties, version: 1 }, input);
      await this.agreements.setLineage(agreement.id, agreement.id);
      agreement.lineageId = agreement.id;
      return agreement;
    });
  }

  /** An amendment: the next version of a signed or active agreement, as a draft both sign again. */
  async amend(actor: Actor, id: string, input: AgreementTermsInput): Promise<AgreementEntity> {
    return this.transactions.run(async () => {
      const current = await this.lockOwn(actor, id);
      if (current.status !== AgreementStatus.SIGNED && current.status !== AgreementStatus.ACTIVE) {
        throw new ConflictError(`Only a signed or active agreement can be amended; version ${current.version} is ${current.status}`);
      }
      const open = await this.agreements.existsInLineage(current.lineageId, [AgreementStatus.DRAFT, AgreementStatus.PROPOSED]);
      if (open) throw new ConflictError('An amendment of this agreement is already being drafted or proposed');
      return this.draft(actor, { schoolId: current.schoolId, companyId: current.companyId, version: current.version + 1, lineageId: current.lineageId }, input);
    });
  }

  async propose(actor: Actor, id: string): Promise<AgreementEntity> {
    return this.transition(actor, id, AgreementStatus.DRAFT, async (agreement) => {
      Object.assign(agreement, { status: AgreementStatus.PROPOSED, proposedAt: this.clock.now() });
      await this.events.emit(AgreementEvent.AGREEMENT_PROPOSED, { agreementId: agreement.id });
    });
  }

  /**
   * An admin of either party signs for it (who and when are recorded). With both signatures it is
   * SIGNED — ACTIVE at once when its term has begun — and a previous version is SUPERSEDED.
   */
  async sign(actor: Actor, id: string): Promise<AgreementEntity> {
    if (!AgreementsPolicy.maySign(actor)) throw new ForbiddenError('Only an admin of a party may sign for it');
    return this.transition(actor, id, AgreementStatus.PROPOSED, async (agreement) => {
      const side = agreement.schoolId === actor.organizationId ? 'school' : 'company';
      if (agreement[`${side}SignedAt`]) throw new ConflictError(`The ${side} has already signed version ${agreement.version}`);
      Object.assign(agreement, { [`${side}SignedByUserId`]: actor.userId, [`${side}SignedAt`]: this.clock.now() });
      if (!agreement.schoolSignedAt || !agreement.companySignedAt) return;
      agreement.status = agreement.startDate <= this.clock.today() ? AgreementStatus.ACTIVE : AgreementStatus.SIGNED;
      const previous = await this.agreements.lockInLineage(agreement.lineageId, [AgreementStatus.SIGNED, AgreementStatus.ACTIVE]);
      if (previous) {
        await this.agreements.setStatus([previous.id], AgreementStatus.SUPERSEDED);
        await this.audit.record(actor, { action: 'agreement.superseded', entityType: 'agreement', entityId: previous.id, after: { by: agreement.id } });
      }
      await this.events.emit(AgreementEvent.AGREEMENT_SIGNED, { agreementId: agreement.id });
    });
  }

  async terminate(actor: Actor, id: string, input: TerminateAgreementInput): Promise<AgreementEntity> {
    return this.transition(actor, id, AgreementStatus.ACTIVE, async (agreement) => {
      Object.assign(agreement, { status: AgreementStatus.TERMINATED, terminatedAt: this.clock.now(), terminationReason: input.reason, noticeDate: input.noticeDate });
    });
  }

  /** Each party reads its own agreements (every version); SBB and the operator read all. */
  async find(actor: Actor, id: string): Promise<AgreementEntity> {
    const agreement = await this.agreements.find(id);
    return ownedOrNotFound('Agreement', agreement, { visible: (found) => AgreementsPolicy.mayRead(actor, found) });
  }

  /** One commitment, read by whoever reads its agreement (node(id)); else NOT_FOUND. */
  async findCommitment(actor: Actor, id: string): Promise<AgreementCommitmentEntity> {
    const commitment = await this.agreements.commitment(id);
    if (commitment) await this.find(actor, commitment.agreementId);
    return ownedOrNotFound('Agreement commitment', commitment);
  }

  list(actor: Actor, { status, filter, orderBy, ...page }: AgreementsArgs): Promise<Connection<AgreementEntity>> {
    const query = this.agreements.listQuery({ party: AgreementsPolicy.listedParty(actor), status: filter?.status ?? status });
    const ordering = orderingOf(
      { CREATED_AT: 'agreement.createdAt', START_DATE: 'agreement.startDate', END_DATE: 'agreement.endDate' },
      'agreement.id',
      orderBy,
      { field: 'CREATED_AT', direction: SortDirection.DESC },
    );
    return paginate(query, page, { ordering });
  }

  /**
   * Per school year and crebo: places committed, places the company offered (published placements
   * of that crebo starting in the school year) and internships of the school's students there,
   * started, completed and terminated. Counted from the placements and internships themselves.
   */
  async fulfilment(agreement: AgreementEntity, today = this.clock.today()): Promise<FulfilmentRow[]> {
    const db = this.transactions.manager;
    const commitments = await this.agreements.commitments(agreement.id);
    const offered = await offeredCapacity(db, agreement.companyId, commitments);
    const internships = await internshipsBetween(db, agreement.schoolId, agreement.companyId);
    const crebos = await this.students.crebosOf([...new Set(internships.map((i) => i.studentId))]);
    const leerwegen = await leerwegenOf(db, [...new Set(internships.flatMap((i) => (i.placementId ? [i.placementId] : [])))]);
    const monthDay = this.env.AGREEMENT_FULFILMENT_DATE;
    return commitments.map((c, index) => {
      const placed = internships.filter(
        (i) =>
          // A self-found internship counts by its own crebo and leerweg, a matched one by the student's and its placement's.
          (i.crebo ?? crebos.get(i.studentId)) === c.crebo &&
          (i.leerweg ?? (i.placementId && leerwegen.get(i.placementId))) === c.leerweg &&
          i.startDate >= `${c.schoolYear}-08-01` &&
          i.startDate <= `${c.schoolYear + 1}-07-31`,
      );
      // The school year runs from 1 August: a date before August falls in its second calendar year.
      const dueOn = `${monthDay >= '08-01' ? c.schoolYear : c.schoolYear + 1}-${monthDay}`;
      const row = {
        schoolYear: c.schoolYear,
        crebo: c.crebo,
        leerweg: c.leerweg,
        committed: c.places,
        offered: offered[index],
        started: placed.filter((i) => i.started).length,
        completed: placed.filter((i) => i.status === 'COMPLETED').length,
        terminated: placed.filter((i) => i.status === 'TERMINATED').length,
      };
      return { ...row, dueOn, underFulfilled: today >= dueOn && row.offered < row.committed };
    });
  }

  /**
   * Daily: start and end terms, and send each reminder once (90 and 30 days before the end, 14
   * days unsigned, and fewer places offered than committed past the fulfilment date).
   */
  async daily(today: string): Promise<void> {
    await this.transactions.run(async () => {
      const starting = await this.agreements.withStatusStartingBy(AgreementStatus.SIGNED, today);
      const ending = await this.agreements.withStatusEndedBefore(AgreementStatus.ACTIVE, today);
      for (const [agreements, status] of [[starting, AgreementStatus.ACTIVE], [ending, AgreementStatus.EXPIRED]] as const) {
        if (!agreements.length) continue;
        await this.agreements.setStatus(agreements.map((a) => a.id), status);
        await this.audit.record(null, agreements.map((a) => ({ action: `agreement.${status.toLowerCase()}`, entityType: 'agreement', entityId: a.id })));
      }
      for (const days of [90, 30]) {
        const due = await this.agreements.markExpiryReminder(today, days, `expiry-${days}`);
        await this.events.emit(AgreementEvent.AGREEMENT_EXPIRING, due.map((agreementId) => ({ agreementId, days: String(days) })));
      }
      const unsigned = await this.agreements.markUnsignedReminder(today, 14, 'unsigned');
      await this.events.emit(AgreementEvent.AGREEMENT_UNSIGNED, unsigned.map((agreementId) => ({ agreementId })));

      for (const agreement of await this.agreements.withStatus(AgreementStatus.ACTIVE)) {
        const short = (await this.fulfilment(agreement, today)).filter((row) => row.underFulfilled);
        const fresh = short.filter((row) => !agreement.remindersSent.includes(underFulfilledKey(row)));
        if (!fresh.length) continue;
        await this.agreements.setRemindersSent(agreement.id, [...agreement.remindersSent, ...fresh.map(underFulfilledKey)]);
        await this.events.emit(AgreementEvent.AGREEMENT_UNDER_FULFILLED,
          fresh.map((row) => ({ agreementId: agreement.id, schoolYear: String(row.schoolYear), crebo: row.crebo, offered: String(row.offered), committed: String(row.committed) })),
        );
      }
    });
  }

  private async draft(
    actor: Actor,
    fields: Pick<AgreementEntity, 'schoolId' | 'companyId' | 'version'> & { lineageId?: string },
    input: AgreementTermsInput,
  ): Promise<AgreementEntity> {
    const lastYear = input.firstSchoolYear + input.years - 1;
    input.commitments.forEach((commitment, index) => {
      if (commitment.schoolYear < input.firstSchoolYear || commitment.schoolYear > lastYear) {
        throw BadUserInputError.field(`input.commitments.${index}.schoolYear`, `must lie in the term, ${input.firstSchoolYear}–${lastYear}`);
      }
    });
    const keys = input.commitments.map((c) => `${c.schoolYear}/${c.crebo}/${c.leerweg}`);
    const duplicate = keys.findIndex((key, index) => keys.indexOf(key) !== index);
    if (duplicate >= 0) throw BadUserInputError.field(`input.commitments.${duplicate}`, 'each school year, crebo and leerweg once');
    // R4: each committed crebo in the register and valid on 1 August of its school year.
    await this.qualifications.requireValid(
      input.commitments.map((c, index) => ({ crebo: c.crebo, date: `${c.schoolYear}-08-01`, creboField: `input.commitments.${index}.crebo` })),
    );
    const floor = (await NormSetHistory.load(this.transactions.manager)).inForceOn(`${input.firstSchoolYear}-08-01`).norms.stipendFloorCentsPerMonth;
    if (input.minimumStipendMonthlyCents < floor) {
      throw BadUserInputError.field('input.minimumStipendMonthlyCents', `the stipend policy must be at least the norm, ${floor} cents a month at full time (R15)`, 'R15');
    }
    const { firstSchoolYear, years, commitments, ...terms } = input;
    const agreement = await this.agreements.insert(
      {
        ...fields,
        ...terms,
        lineageId: fields.lineageId ?? '00000000-0000-0000-0000-000000000000',
        startDate: `${firstSchoolYear}-08-01`,
        endDate: `${firstSchoolYear + years}-07-31`,
        createdByUserId: actor.userId,
      },
      commitments,
    );
    await this.audit.record(actor, { action: 'agreement.drafted', entityType: 'agreement', entityId: agreement.id, after: agreement });
    return agreement;
  }

  private async transition(
    actor: Actor,
    id: string,
    from: AgreementStatus,
    change: (agreement: AgreementEntity) => Promise<void>,
  ): Promise<AgreementEntity> {
    return this.transactions.run(async () => {
      const agreement = await this.lockOwn(actor, id);
      if (agreement.status === AgreementStatus.SUPERSEDED) throw new ConflictError(`Version ${agreement.version} is superseded by a later version`);
      if (agreement.status !== from) throw new ConflictError(`Agreement ${id} is ${agreement.status}, not ${from}`);
      const before = { ...agreement };
      await change(agreement);
      await this.agreements.save(agreement);
      await this.audit.record(actor, { action: `agreement.${actionOf(before, agreement)}`, entityType: 'agreement', entityId: id, before, after: agreement });
      return agreement;
    });
  }

  private async lockOwn(actor: Actor, id: string): Promise<AgreementEntity> {
    const agreement = await this.agreements.lock(id);
    return ownedOrNotFound('Agreement', agreement, { visible: (found) => AgreementsPolicy.isParty(actor, found) });
  }
}

const underFulfilledKey = (row: FulfilmentRow) => `under-fulfilled-${row.schoolYear}-${row.crebo}-${row.leerweg}`;

function actionOf(before: AgreementEntity, after: AgreementEntity): string {
  if (before.status !== after.status) return after.status.toLowerCase();
  return 'signed_by_one_party';
}

