import { Injectable } from '@nestjs/common';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { BadUserInputError, ConflictError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { type Connection, type Ordering, orderingOf, paginate, SortDirection } from '../../common/graphql/pagination';
import { Transactions } from '../../database/transactions';
import { CompaniesService } from '../companies/companies.service';
import { PlacementSeats } from './placement-seats';
import { Events } from '../events/events';
import { PlacementEvent } from './placements.events';
import type { PostcodeEntity } from '../postcodes/postcode.entity';
import { PostcodesService } from '../postcodes/postcodes.service';
import { QualificationsService } from '../qualifications/qualifications.service';
import { boundingBox, haversineSql } from '../postcodes/distance';
import { type CompanyPlacementsArgs, type CreatePlacementInput, type PlacementOrder, PlacementOrderField, type PlacementsArgs, type UpdatePlacementInput } from './dto/placement.input';
import { ComplianceRejection } from './models/compliance-rejection.model';
import { ComplianceStatus, EvaluationTrigger } from './placement-compliance';
import { PlacementEntity, PlacementStatus } from './placement.entity';
import { PlacementJudges } from './placement-judge';
import { PlacementsPolicy } from './placements.policy';
import { PlacementsRepository, type PlacementVerdict, type ReevaluationScope } from './placements.repository';
import { applyVerdicts } from './placement-verdicts';

/** Thrown inside a transaction to roll it back and answer with the rejection instead. */
export class ComplianceRejected extends Error {
  constructor(readonly rejection: ComplianceRejection) {
    super(rejection.message);
  }
}

/** A rejection when the verdict has BLOCK findings, else null. */
function rejectionFor({ verdict, findings, normSetVersion }: PlacementVerdict, what: string): ComplianceRejection | null {
  return verdict === ComplianceStatus.BLOCKED ? new ComplianceRejection(findings, normSetVersion, what) : null;
}

/** A placement's lifecycle and search; the one module that decides a placement's status. */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly placements: PlacementsRepository,
    private readonly judges: PlacementJudges,
    private readonly seats: PlacementSeats,
    private readonly companies: CompaniesService,
    private readonly postcodes: PostcodesService,
    private readonly clock: Clock,
    private readonly events: Events,
    private readonly qualifications: QualificationsService,
  ) {}

  /** `reference`: the company's own, set by a bulk import (issue #18). */
  async create(actor: Actor, input: CreatePlacementInput, { reference = null }: { reference?: string | null } = {}): Promise<PlacementEntity> {
    return this.transactions.run(async () => {
      await this.companies.requireOwnBranch(actor, input.branchId, 'input.branchId');
      if (input.trainerId) await this.companies.requireOwnTrainer(actor, input.trainerId, 'input.trainerId');
      const placement = this.placements.create({ ...input, reference, trainerId: input.trainerId ?? null, ...PlacementsPolicy.changerScope(actor) });
      checkDates(placement);
      await this.qualifications.requireValidPlacement(placement); // R4: the register on its start date
      await this.placements.save(placement);
      await this.applyVerdicts([await this.judges.judge.judge(placement)], EvaluationTrigger.CREATED, actor);
      await this.audit.record(actor, { action: 'placement.created', entityType: 'placement', entityId: placement.id, after: placement });
      return placement;
    });
  }

  /** Re-evaluates the result; a published placement may not be edited into BLOCK findings (nothing is written then). */
  async update(actor: Actor, id: string, input: UpdatePlacementInput): Promise<PlacementEntity | ComplianceRejection> {
    try {
      return await this.transactions.run(async () => {
        const placement = await this.lockOwn(actor, id);
        if (placement.status === PlacementStatus.CLOSED) throw new ConflictError(`Placement ${id} is closed and can no longer change`);
        if (input.trainerId) await this.companies.requireOwnTrainer(actor, input.trainerId, 'input.trainerId');
        if (input.capacity !== undefined) {
          // Under the placement's lock, as a seat is taken (answerProposal): no seat can be taken in between.
          const held = await this.seats.call(id);
          if (input.capacity < held) {
            throw new ConflictError(`Placement ${id} holds ${held} seat${held === 1 ? '' : 's'} (planned or active internships); its capacity cannot go below ${held}`);
          }
        }
        const before = { ...placement };
        this.placements.merge(placement, input);
        checkDates(placement);
        if (input.crebos !== undefined || input.werkprocessen !== undefined || input.startDate !== undefined) await this.qualifications.requireValidPlacement(placement);
        await this.placements.save(placement);
        const verdict = await this.judges.judge.judge(placement);
        const rejection = placement.status === PlacementStatus.PUBLISHED && rejectionFor(verdict, 'This change to a published placement');
        if (rejection) throw new ComplianceRejected(rejection);
        await this.applyVerdicts([verdict], EvaluationTrigger.UPDATED, actor);
        await this.audit.record(actor, { action: 'placement.updated', entityType: 'placement', entityId: id, before, after: placement });
        return placement;
      });
    } catch (error) {
      if (error instanceof ComplianceRejected) return error.rejection;
      throw error;
    }
  }

  /**
   * DRAFT or SUSPENDED → PUBLISHED when no rule has a BLOCK finding. A rejection leaves the
   * placement as it was but stores the evaluation, so the company and SBB see what blocked it.
   */
  async publish(actor: Actor, id: string): Promise<PlacementEntity | ComplianceRejection> {
    return this.transactions.run(async () => {
      const placement = await this.lockOwn(actor, id);
      if (placement.status !== PlacementStatus.DRAFT && placement.status !== PlacementStatus.SUSPENDED) {
        throw new ConflictError(`Placement ${id} is ${placement.status}, not DRAFT or SUSPENDED`);
      }
      const verdict = await this.judges.judge.judge(placement);
      const rejection = rejectionFor(verdict, 'This placement');
      if (rejection) {
        await this.applyVerdicts([verdict], EvaluationTrigger.PUBLISH, actor);
        return rejection;
      }
      const before = { ...placement };
      Object.assign(placement, { status: PlacementStatus.PUBLISHED, publishedAt: this.clock.now(), suspendedAt: null });
      await this.placements.save(placement);
      await this.applyVerdicts([verdict], EvaluationTrigger.PUBLISH, actor);
      await this.audited(actor, before, placement);
      return placement;
    });
  }

  async close(actor: Actor, id: string): Promise<PlacementEntity> {
    return this.transactions.run(async () => {
      const placement = await this.lockOwn(actor, id);
      if (placement.status === PlacementStatus.CLOSED) throw new ConflictError(`Placement ${id} is already closed`);
      const before = { ...placement };
      Object.assign(placement, { status: PlacementStatus.CLOSED, closedAt: this.clock.now() });
      await this.placements.save(placement);
      await this.audited(actor, before, placement);
      return placement;
    });
  }

  /** Published placements are public to signed-in users; drafts only to their company, SBB and the operator. */
  async findVisible(actor: Actor, id: string): Promise<PlacementEntity> {
    const placement = await this.placements.findById(id);
    return ownedOrNotFound('Placement', placement, { visible: (found) => PlacementsPolicy.sees(actor, found) });
  }

  /** The company's own placements in any status. */
  listOwn(actor: Actor, { status: looseStatus, filter, orderBy, ...page }: CompanyPlacementsArgs): Promise<Connection<PlacementEntity>> {
    const status = filter?.status ?? looseStatus;
    const query = this.placements.query().where('placement.companyId = :companyId', PlacementsPolicy.changerScope(actor));
    if (status) query.andWhere('placement.status = :status', { status });
    return paginate(query, page, { ordering: placementOrdering(orderBy, {}) });
  }

  /**
   * Search published placements: the filters, `near` (within the radius) and `search` (Dutch full
   * text over the trigger-kept `search_document`, GIN index) combine; ranked best first with search,
   * nearest first with near, else by start date, unless `orderBy` says otherwise.
   */
  async search({ filter: given, orderBy, ...page }: PlacementsArgs): Promise<Connection<PlacementEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const query = this.placements.query().where('placement.status = :published', { published: PlacementStatus.PUBLISHED });
    if (filter.crebo) query.andWhere(':crebo = ANY(placement.crebos)', { crebo: filter.crebo });
    if (filter.level) query.andWhere('placement.level = :level', { level: filter.level });
    if (filter.leerweg) query.andWhere('placement.leerweg = :leerweg', { leerweg: filter.leerweg });
    if (filter.startFrom) query.andWhere('placement.startDate >= :startFrom', { startFrom: filter.startFrom });
    if (filter.startTo) query.andWhere('placement.startDate <= :startTo', { startTo: filter.startTo });
    if (filter.companyId) query.andWhere('placement.companyId = :companyId', { companyId: filter.companyId });
    const search = filter.search?.trim() || null;
    if (search) {
      query.andWhere(`placement.search_document @@ ${SEARCH_QUERY}`, { search });
    }
    let distance: string | undefined;
    if (filter.near) {
      const origin = await this.postcodes.require(filter.near.postcode, 'filter.near.postcode');
      distance = this.withinRadius(query, origin, filter.near.radiusKm);
    }
    const ordering = placementOrdering(orderBy, { distance, search: search != null });
    return paginate(query, page, {
      ordering,
      withKeys: (placement, keys) => {
        if (distance) placement.distanceKm = Math.round(Number(keys[ordering.keys.findIndex((key) => key.sql === distance)] ?? NaN) * 10) / 10;
      },
      // Within a radius the hits are few: the first page counts them in its own statement.
      countInFirstPage: Boolean(distance),
      // The hits are sorted by distance, rank or date, not read in order from an index.
      sortIdsFirst: true,
    });
  }

  /** Restricts to the radius around `origin`; returns the distance expression (km). */
  private withinRadius(query: SelectQueryBuilder<PlacementEntity>, origin: PostcodeEntity, radiusKm: number): string {
    const box = boundingBox(origin.lat, origin.lon, radiusKm);
    const distance = haversineSql(':originLat', ':originLon', 'area.lat', 'area.lon');
    query
      // companies' read model of where its branches are (migration 1795479000001)
      .innerJoin('branch_locations', 'area', 'area.branch_id = placement.branchId')
      .andWhere(
        new Brackets((where) =>
          where
            .where('area.lat BETWEEN :minLat AND :maxLat', box)
            .andWhere('area.lon BETWEEN :minLon AND :maxLon', box)
            .andWhere(`${distance} <= :radiusKm`, { radiusKm }),
        ),
      )
      .setParameters({ originLat: origin.lat, originLon: origin.lon });
    return distance;
  }

  /** The audit row and the event of a status change, in the change's transaction. */
  private async audited(actor: Actor, before: PlacementEntity, placement: PlacementEntity): Promise<void> {
    await this.audit.record(actor, {
      action: `placement.${placement.status.toLowerCase()}`,
      entityType: 'placement',
      entityId: placement.id,
      before,
      after: placement,
    });
    await this.events.emit(placement.status === PlacementStatus.PUBLISHED ? PlacementEvent.PLACEMENT_PUBLISHED : PlacementEvent.PLACEMENT_CLOSED, {
      placementId: placement.id,
    });
  }

  /** The actor's own placement, row-locked for the rest of the transaction; NOT_FOUND otherwise. */
  private async lockOwn(actor: Actor, id: string): Promise<PlacementEntity> {
    const placement = await this.placements.lockOfCompany(PlacementsPolicy.changerScope(actor).companyId, id);
    if (!placement) throw new NotFoundError('Placement');
    return placement;
  }

  /**
   * Applies compliance verdicts to their placements, in the ambient transaction: the placements
   * module decides what a verdict does to a status. A published placement with BLOCK findings is
   * suspended, audited and announced to the company and its schools (R2). With `onlyChanged`
   * (re-evaluations the system runs), a verdict equal to the placement's current one changes
   * nothing. The judge stores the verdicts applied. Returns the placements suspended.
   */
  async applyVerdicts(
    verdicts: PlacementVerdict[],
    trigger: EvaluationTrigger,
    actor: Actor | null,
    { onlyChanged = false } = {},
  ): Promise<{ suspended: string[] }> {
    const judge = this.judges.judge;
    return applyVerdicts(this.transactions.manager, verdicts, trigger, actor, {
      onlyChanged,
      now: this.clock.now(),
      record: (applied) => judge.record(applied, trigger, actor),
    });
  }

  /**
   * One batch of live placements in scope, after `afterId` in id order, row-locked and re-judged
   * in the ambient transaction; returns the last id (null when the scope is exhausted) and what it
   * suspended. `actor` is who caused it (SBB revoking an accreditation), null for the system.
   */
  async reevaluateBatch(
    scope: ReevaluationScope,
    trigger: EvaluationTrigger,
    afterId: string | null,
    actor: Actor | null = null,
    batchSize = 500,
  ): Promise<{ lastId: string | null; suspended: string[] }> {
    const placements = await this.placements.lockLiveBatch(scope, afterId, batchSize);
    if (!placements.length) return { lastId: null, suspended: [] };
    const verdicts = await this.judges.judge.judgeMany(placements);
    const { suspended } = await this.applyVerdicts(verdicts, trigger, actor, { onlyChanged: true });
    return { lastId: placements.length < batchSize ? null : placements[placements.length - 1].id, suspended };
  }

  /** The daily clean-up: published or suspended placements whose end date has passed are closed. Idempotent. */
  async closeExpired(today: string): Promise<number> {
    return this.transactions.run(async () => {
      const ids = await this.placements.closeEndedBefore(today);
      await this.audit.record(null, ids.map((id) => ({ action: 'placement.closed', entityType: 'placement', entityId: id, after: { reason: 'end date passed' } })));
      await this.events.emit(PlacementEvent.PLACEMENT_CLOSED, ids.map((placementId) => ({ placementId })));
      return ids.length;
    });
  }
}

function checkDates(placement: PlacementEntity): void {
  if (placement.endDate < placement.startDate) {
    throw BadUserInputError.field('input.endDate', 'endDate must not be before startDate');
  }
}

const SEARCH_QUERY = "websearch_to_tsquery('dutch', :search)";

/**
 * The ordering of a placement list (ties broken by the id). DISTANCE needs `near` and RELEVANCE
 * needs `search`; with near the distance is always a key (after the chosen one), so each row's
 * distance comes with the page.
 */
function placementOrdering(orderBy: PlacementOrder | null | undefined, { distance, search = false }: { distance?: string; search?: boolean }): Ordering {
  if (orderBy?.field === PlacementOrderField.DISTANCE && !distance) {
    throw BadUserInputError.field('orderBy.field', 'DISTANCE needs filter.near');
  }
  if (orderBy?.field === PlacementOrderField.RELEVANCE && !search) {
    throw BadUserInputError.field('orderBy.field', 'RELEVANCE needs filter.search');
  }
  const fallback = search
    ? { field: PlacementOrderField.RELEVANCE, direction: SortDirection.DESC }
    : distance
      ? { field: PlacementOrderField.DISTANCE, direction: SortDirection.ASC }
      : { field: PlacementOrderField.START_DATE, direction: SortDirection.ASC };
  const chosen = orderBy ?? fallback;
  const withDistance = (key: string) => (distance && chosen.field !== PlacementOrderField.DISTANCE ? [key, distance] : [key]);
  const fields: Record<PlacementOrderField, string | string[]> = {
    START_DATE: withDistance('placement.startDate'),
    PUBLISHED_AT: withDistance("coalesce(placement.publishedAt, '-infinity')"),
    CREATED_AT: withDistance('placement.createdAt'),
    TITLE: withDistance('lower(placement.title)'),
    STIPEND: withDistance('placement.stipendMonthlyCents'),
    DISTANCE: distance ?? '0',
    RELEVANCE: withDistance(`ts_rank(placement.search_document, ${SEARCH_QUERY})`),
  };
  return orderingOf(fields, 'placement.id', chosen, fallback);
}
