import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { Environment } from '../../config/environment';
import { Events } from '../events/events';
import { CompanyEvent } from './companies.events';
import { Transactions } from '../../database/transactions';
import { AccreditationUse } from './accreditation-loss';
import { type AccreditationEntity, AccreditationLapseReason, AccreditationStatus } from './accreditation.entity';
import { addDays } from '../../common/calendar';
import { reapplicableFrom, REVIEW_INTERVAL_YEARS, studentWindowStart } from './accreditation-dates';
import type { AccreditationRefusalEntity } from './accreditation-refusal.entity';
import { CompaniesPolicy } from './companies.policy';
import { CompaniesRepository } from './companies.repository';
import { CompaniesService } from './companies.service';
import type { AccreditationRefusalsArgs, RecordAccreditationReviewInput, RefuseAccreditationInput } from './dto/accreditation-lifecycle.input';

/**
 * The accreditation lifecycle (R3, Reglement erkenning leerbedrijven SBB): refusals and the
 * six-month wait, the four-yearly review, and the lapse after four years without students.
 */
@Injectable()
export class AccreditationLifecycleService {
  private readonly logger = new Logger('AccreditationLifecycle');

  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly repository: CompaniesRepository,
    private readonly companies: CompaniesService,
    private readonly env: Environment,
    private readonly clock: Clock,
    private readonly events: Events,
    private readonly use: AccreditationUse,
  ) {}

  /** SBB only: records a refused application; the branch may apply again after six months (R3). */
  async refuse(actor: Actor, input: RefuseAccreditationInput): Promise<AccreditationRefusalEntity> {
    if (input.refusedOn > this.clock.today()) throw BadUserInputError.field('input.refusedOn', 'a refusal cannot be dated in the future', 'R3');
    return this.transactions.run(async () => {
      const branch = await this.repository.branch(input.branchId);
      if (!branch) throw BadUserInputError.field('input.branchId', `branch ${input.branchId} does not exist`);
      if (await this.repository.holdsActiveAccreditation(branch.id, input.crebo)) {
        throw new ConflictError(`This branch already holds an active accreditation for crebo ${input.crebo}; revoke it instead`);
      }
      const refusal = await this.repository.save(
        this.repository.newRefusal({
          branchId: branch.id,
          companyId: branch.companyId,
          crebo: input.crebo,
          refusedOn: input.refusedOn,
          reason: input.reason,
        }),
      );
      await this.audit.record(actor, {
        action: 'accreditation.refused',
        entityType: 'accreditation_refusal',
        entityId: refusal.id,
        after: { ...refusal, reapplicableFrom: reapplicableFrom(refusal.refusedOn) },
      });
      return refusal;
    });
  }

  /** Refusals, newest first: SBB sees every company's, a company only its own. */
  listRefusals(actor: Actor, { filter: given, ...page }: AccreditationRefusalsArgs): Promise<Connection<AccreditationRefusalEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const companyId = CompaniesPolicy.refusalsScope(actor, filter.companyId ?? undefined);
    const query = this.repository
      .refusalsQuery()
      .orderBy('refusal.refusedOn', 'DESC')
      .addOrderBy('refusal.id');
    if (companyId) query.andWhere('refusal.companyId = :companyId', { companyId });
    if (filter.crebo) query.andWhere('refusal.crebo = :crebo', { crebo: filter.crebo });
    return paginate(query, page);
  }

  /** One refused application under the list's authorization (node(id)): SBB any, a company its own; else NOT_FOUND. */
  async findRefusal(actor: Actor, id: string): Promise<AccreditationRefusalEntity> {
    const companyId = CompaniesPolicy.refusalsScope(actor, undefined);
    const query = this.repository.refusalsQuery().where('refusal.id = :id', { id });
    if (companyId) query.andWhere('refusal.companyId = :companyId', { companyId });
    const refusal = await query.getOne();
    if (!refusal) throw new NotFoundError('Accreditation refusal');
    return refusal;
  }

  /** SBB only: the four-yearly review took place (R3); the next one falls due four years later. */
  async recordReview(actor: Actor, input: RecordAccreditationReviewInput): Promise<AccreditationEntity> {
    if (input.reviewedOn > this.clock.today()) throw BadUserInputError.field('input.reviewedOn', 'a review cannot be dated in the future', 'R3');
    return this.transactions.run(async () => {
      const accreditation = await this.repository.lockAccreditation(input.id);
      if (!accreditation) throw BadUserInputError.field('input.id', `accreditation ${input.id} does not exist`);
      if (accreditation.status !== AccreditationStatus.ACTIVE) {
        throw new ConflictError(`Accreditation ${input.id} is ${accreditation.status}; only an ACTIVE accreditation is reviewed`);
      }
      if (input.reviewedOn < accreditation.lastReviewedOn) {
        throw BadUserInputError.field('input.reviewedOn', `the last review was on ${accreditation.lastReviewedOn}; a review cannot predate it`, 'R3');
      }
      const before = { ...accreditation };
      accreditation.lastReviewedOn = input.reviewedOn;
      await this.repository.save(accreditation);
      await this.audit.record(actor, {
        action: 'accreditation.reviewed',
        entityType: 'accreditation',
        entityId: accreditation.id,
        before,
        after: accreditation,
      });
      return accreditation;
    });
  }

  /** The daily check: lapses first (a lapsed accreditation needs no review), then review notices. */
  async daily(day: string): Promise<void> {
    const lapsed = await this.lapse(day);
    const noticed = await this.announceReviewsDue(day);
    if (lapsed || noticed) this.logger.log(`${day}: ${lapsed} accreditation(s) lapsed, ${noticed} review notice(s)`);
  }

  /**
   * R3: marks lapsed accreditations LAPSED, one transaction each: audited as a system action,
   * announced to the company's admins and SBB, and the branch's placements re-evaluated as on a
   * revocation (R2), so those R1 now blocks are suspended and their schools told. A second run
   * finds nothing left to do.
   */
  async lapse(day: string): Promise<number> {
    const windowStart = studentWindowStart(day);
    const candidates = await this.lapsing(day, windowStart);
    let lapsed = 0;
    for (const { id } of candidates) {
      lapsed += await this.transactions.run(async () => {
        // Locked and checked again: SBB may have revoked or a student may have started meanwhile.
        const [still] = await this.lapsing(day, windowStart, id);
        if (!still) return 0;
        const accreditation = (await this.repository.accreditation(id))!;
        await this.companies.endAccreditation(null, accreditation, {
          status: AccreditationStatus.LAPSED,
          lapsedOn: day,
          lapseReason: still.expired ? AccreditationLapseReason.VALIDITY_ENDED : AccreditationLapseReason.NO_STUDENTS,
        });
        return 1;
      });
    }
    return lapsed;
  }

  /**
   * Which ACTIVE accreditations have lapsed on `day` (R3), with `windowStart` the start of the
   * four-year student window: the end date SBB set has passed, or it was granted before the window
   * and no internship for its crebo at its branch started (or is planned to start) since. With
   * `lockId`, that one, row-locked.
   */
  private async lapsing(day: string, windowStart: string, lockId?: string): Promise<{ id: string; expired: boolean }[]> {
    const candidates = await this.repository.lapseCandidates(day, windowStart, lockId);
    const quietOnes = candidates.filter((candidate) => !candidate.expired);
    const withStudents = await this.use.call(quietOnes, windowStart);
    return candidates.filter((candidate) => candidate.expired || !withStudents.has(`${candidate.branchId}|${candidate.crebo}`));
  }

  /**
   * R3: ACTIVE accreditations whose review is due within `ACCREDITATION_REVIEW_NOTICE_DAYS` or
   * overdue are announced to SBB and the company's admins, once per review cycle: the due date
   * announced is stored, and a recorded review starts a new cycle.
   */
  async announceReviewsDue(day: string): Promise<number> {
    return this.transactions.run(async () => {
      const due = await this.repository.markReviewsDue(addDays(day, this.env.ACCREDITATION_REVIEW_NOTICE_DAYS), REVIEW_INTERVAL_YEARS);
      await this.events.emit(CompanyEvent.ACCREDITATION_REVIEW_DUE, due.map(({ id, dueOn }) => ({ accreditationId: id, dueOn })));
      return due.length;
    });
  }
}
