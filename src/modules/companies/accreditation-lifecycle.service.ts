import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, ForbiddenError } from '../../common/errors/domain-errors';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { Environment } from '../../config/environment';
import { inTransaction } from '../../database/transaction';
import { dutchToday } from '../../queues/daily-run';
import { Events } from '../events/events';
import { CompanyEvent } from './companies.events';
import { AccreditationEntity, AccreditationLapseReason, AccreditationStatus } from './accreditation.entity';
import { addDays } from '../../common/calendar';
import { reapplicableFrom, REVIEW_INTERVAL_YEARS, studentWindowStart } from './accreditation-dates';
import { AccreditationRefusalEntity } from './accreditation-refusal.entity';
import { CompaniesService } from './companies.service';
import { BranchEntity } from './branch.entity';
import type { AccreditationRefusalsArgs, RecordAccreditationReviewInput, RefuseAccreditationInput } from './dto/accreditation-lifecycle.input';

/**
 * Which ACTIVE accreditations have lapsed on `$1` (R3), with `$2` the start of the four-year
 * student window: the end date SBB set has passed, or it was granted before the window and no
 * internship for its crebo at its branch started (or is planned to start) since.
 */
const LAPSED = `
  a.status = 'ACTIVE' AND (
    (a.valid_until IS NOT NULL AND a.valid_until < $1::date)
    OR (a.granted_on < $2::date AND NOT EXISTS (
      SELECT FROM internships i JOIN placements p ON p.id = i.placement_id JOIN students s ON s.id = i.student_id
       WHERE p.branch_id = a.branch_id AND s.crebo = a.crebo AND i.start_date >= $2::date)))`;

/** The four-yearly review date in SQL, as `reviewDueOn` computes it (R3). */
const REVIEW_DUE_SQL = `(a.last_reviewed_on + interval '${REVIEW_INTERVAL_YEARS} years')::date`;

/**
 * The accreditation lifecycle (R3, Reglement erkenning leerbedrijven SBB): refusals and the
 * six-month wait, the four-yearly review, and the lapse after four years without students.
 */
@Injectable()
export class AccreditationLifecycleService {
  private readonly logger = new Logger('AccreditationLifecycle');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
    private readonly env: Environment,
    private readonly events: Events,
  ) {}

  /** SBB only: records a refused application; the branch may apply again after six months (R3). */
  async refuse(actor: Actor, input: RefuseAccreditationInput, today = dutchToday()): Promise<AccreditationRefusalEntity> {
    if (input.refusedOn > today) throw BadUserInputError.field('input.refusedOn', 'a refusal cannot be dated in the future', 'R3');
    return inTransaction(this.dataSource, async (manager) => {
      const branch = await manager.findOneBy(BranchEntity, { id: input.branchId });
      if (!branch) throw BadUserInputError.field('input.branchId', `branch ${input.branchId} does not exist`);
      if (await manager.existsBy(AccreditationEntity, { branchId: branch.id, crebo: input.crebo, status: AccreditationStatus.ACTIVE })) {
        throw new ConflictError(`This branch already holds an active accreditation for crebo ${input.crebo}; revoke it instead`);
      }
      const refusal = await manager.save(
        manager.create(AccreditationRefusalEntity, {
          branchId: branch.id,
          companyId: branch.companyId,
          crebo: input.crebo,
          refusedOn: input.refusedOn,
          reason: input.reason,
        }),
      );
      await recordAudit(manager, actor, {
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
    let companyId = filter.companyId;
    if (actor.organizationType === OrganizationType.COMPANY) {
      if (companyId && companyId !== actor.organizationId) throw new ForbiddenError('A company sees only its own refusals');
      companyId = actor.organizationId;
    }
    const query = this.dataSource
      .getRepository(AccreditationRefusalEntity)
      .createQueryBuilder('refusal')
      .orderBy('refusal.refusedOn', 'DESC')
      .addOrderBy('refusal.id');
    if (companyId) query.andWhere('refusal.companyId = :companyId', { companyId });
    if (filter.crebo) query.andWhere('refusal.crebo = :crebo', { crebo: filter.crebo });
    return paginate(query, page);
  }

  /** SBB only: the four-yearly review took place (R3); the next one falls due four years later. */
  async recordReview(actor: Actor, input: RecordAccreditationReviewInput, today = dutchToday()): Promise<AccreditationEntity> {
    if (input.reviewedOn > today) throw BadUserInputError.field('input.reviewedOn', 'a review cannot be dated in the future', 'R3');
    return inTransaction(this.dataSource, async (manager) => {
      const accreditation = await manager.findOne(AccreditationEntity, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!accreditation) throw BadUserInputError.field('input.id', `accreditation ${input.id} does not exist`);
      if (accreditation.status !== AccreditationStatus.ACTIVE) {
        throw new ConflictError(`Accreditation ${input.id} is ${accreditation.status}; only an ACTIVE accreditation is reviewed`);
      }
      if (input.reviewedOn < accreditation.lastReviewedOn) {
        throw BadUserInputError.field('input.reviewedOn', `the last review was on ${accreditation.lastReviewedOn}; a review cannot predate it`, 'R3');
      }
      const before = { ...accreditation };
      accreditation.lastReviewedOn = input.reviewedOn;
      await manager.save(accreditation);
      await recordAudit(manager, actor, {
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
    const candidates = await this.dataSource.query<{ id: string }[]>(`SELECT a.id FROM accreditations a WHERE ${LAPSED} ORDER BY a.id`, [day, windowStart]);
    let lapsed = 0;
    for (const { id } of candidates) {
      lapsed += await inTransaction(this.dataSource, async (manager) => {
        // Locked and checked again: SBB may have revoked or a student may have started meanwhile.
        const [still] = await manager.query<{ id: string; expired: boolean }[]>(
          `SELECT a.id, a.valid_until IS NOT NULL AND a.valid_until < $1::date AS expired FROM accreditations a WHERE a.id = $3 AND ${LAPSED} FOR UPDATE OF a`,
          [day, windowStart, id],
        );
        if (!still) return 0;
        const accreditation = await manager.findOneByOrFail(AccreditationEntity, { id });
        await this.companies.endAccreditation(manager, null, accreditation, {
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
   * R3: ACTIVE accreditations whose review is due within `ACCREDITATION_REVIEW_NOTICE_DAYS` or
   * overdue are announced to SBB and the company's admins, once per review cycle: the due date
   * announced is stored, and a recorded review starts a new cycle.
   */
  async announceReviewsDue(day: string): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const [due] = await manager.query<[{ id: string; due_on: string }[], number]>(
        `UPDATE accreditations a SET review_notice_sent_for = ${REVIEW_DUE_SQL}
          WHERE a.status = 'ACTIVE' AND ${REVIEW_DUE_SQL} <= $1::date AND a.review_notice_sent_for IS DISTINCT FROM ${REVIEW_DUE_SQL}
          RETURNING a.id, a.review_notice_sent_for::text AS due_on`,
        [addDays(day, this.env.ACCREDITATION_REVIEW_NOTICE_DAYS)],
      );
      await this.events.emit(CompanyEvent.ACCREDITATION_REVIEW_DUE, due.map(({ id, due_on }) => ({ accreditationId: id, dueOn: due_on })));
      return due.length;
    });
  }
}
