import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { ComplianceRejected, ComplianceService } from '../compliance/compliance.service';
import { EvaluationTrigger } from '../compliance/compliance-status';
import type { ComplianceRejection } from '../compliance/models/compliance.model';
import { type Connection, pageWindow, paginate, toConnection } from '../../common/graphql/pagination';
import { inTransaction } from '../../database/transaction';
import { BranchEntity } from '../companies/branch.entity';
import { CompaniesService } from '../companies/companies.service';
import { seatsHeld } from '../internships/seats';
import { Events } from '../events/events';
import { PlacementEvent } from './placements.events';
import { PostcodeEntity } from '../postcodes/postcode.entity';
import { PostcodesService } from '../postcodes/postcodes.service';
import { boundingBox, haversineSql } from '../postcodes/distance';
import type { CompanyPlacementsArgs, CreatePlacementInput, PlacementsArgs, UpdatePlacementInput } from './dto/placement.input';
import { PlacementEntity, PlacementStatus } from './placement.entity';

@Injectable()
export class PlacementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
    private readonly postcodes: PostcodesService,
    private readonly compliance: ComplianceService,
    private readonly events: Events,
  ) {}

  async create(actor: Actor, input: CreatePlacementInput): Promise<PlacementEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.companies.requireOwnBranch(actor, input.branchId, 'input.branchId', manager);
      if (input.trainerId) await this.companies.requireOwnTrainer(actor, input.trainerId, 'input.trainerId', manager);
      const placement = manager.create(PlacementEntity, { ...input, trainerId: input.trainerId ?? null, companyId: actor.organizationId });
      checkDates(placement);
      await manager.save(placement);
      await this.compliance.record(manager, await this.compliance.judge(manager, placement), EvaluationTrigger.CREATED, actor);
      await recordAudit(manager, actor, { action: 'placement.created', entityType: 'placement', entityId: placement.id, after: placement });
      return placement;
    });
  }

  /** Re-evaluates the result; a published placement may not be edited into BLOCK findings (nothing is written then). */
  async update(actor: Actor, id: string, input: UpdatePlacementInput): Promise<PlacementEntity | ComplianceRejection> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const placement = await this.lockOwn(actor, id, manager);
        if (placement.status === PlacementStatus.CLOSED) throw new ConflictError(`Placement ${id} is closed and can no longer change`);
        if (input.trainerId) await this.companies.requireOwnTrainer(actor, input.trainerId, 'input.trainerId', manager);
        if (input.capacity !== undefined) {
          // Under the placement's lock, as a seat is taken (answerProposal): no seat can be taken in between.
          const held = await seatsHeld(manager, id);
          if (input.capacity < held) {
            throw new ConflictError(`Placement ${id} holds ${held} seat${held === 1 ? '' : 's'} (planned or active internships); its capacity cannot go below ${held}`);
          }
        }
        const before = { ...placement };
        manager.merge(PlacementEntity, placement, input);
        checkDates(placement);
        await manager.save(placement);
        const evaluation = await this.compliance.judge(manager, placement);
        const rejection = placement.status === PlacementStatus.PUBLISHED && this.compliance.rejectionFor(evaluation, 'This change to a published placement');
        if (rejection) throw new ComplianceRejected(rejection);
        await this.compliance.record(manager, evaluation, EvaluationTrigger.UPDATED, actor);
        await recordAudit(manager, actor, { action: 'placement.updated', entityType: 'placement', entityId: id, before, after: placement });
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
    return inTransaction(this.dataSource, async (manager) => {
      const placement = await this.lockOwn(actor, id, manager);
      if (placement.status !== PlacementStatus.DRAFT && placement.status !== PlacementStatus.SUSPENDED) {
        throw new ConflictError(`Placement ${id} is ${placement.status}, not DRAFT or SUSPENDED`);
      }
      const evaluation = await this.compliance.judge(manager, placement);
      const rejection = this.compliance.rejectionFor(evaluation, 'This placement');
      if (rejection) {
        await this.compliance.record(manager, evaluation, EvaluationTrigger.PUBLISH, actor);
        return rejection;
      }
      const before = { ...placement };
      Object.assign(placement, { status: PlacementStatus.PUBLISHED, publishedAt: new Date(), suspendedAt: null });
      await manager.save(placement);
      await this.compliance.record(manager, evaluation, EvaluationTrigger.PUBLISH, actor);
      await this.audited(manager, actor, before, placement);
      return placement;
    });
  }

  async close(actor: Actor, id: string): Promise<PlacementEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const placement = await this.lockOwn(actor, id, manager);
      if (placement.status === PlacementStatus.CLOSED) throw new ConflictError(`Placement ${id} is already closed`);
      const before = { ...placement };
      Object.assign(placement, { status: PlacementStatus.CLOSED, closedAt: new Date() });
      await manager.save(placement);
      await this.audited(manager, actor, before, placement);
      return placement;
    });
  }

  /** Published placements are public to signed-in users; drafts only to their company, SBB and the operator. */
  async findVisible(actor: Actor, id: string): Promise<PlacementEntity> {
    const placement = await this.dataSource.getRepository(PlacementEntity).findOneBy({ id });
    const internal =
      placement?.companyId === actor.organizationId ||
      actor.organizationType === OrganizationType.SBB ||
      actor.organizationType === OrganizationType.PLATFORM;
    return ownedOrNotFound('Placement', placement, { visible: ({ status }) => status === PlacementStatus.PUBLISHED || internal });
  }

  /** The company's own placements in any status. */
  listOwn(actor: Actor, { status, ...page }: CompanyPlacementsArgs): Promise<Connection<PlacementEntity>> {
    const query = this.dataSource
      .getRepository(PlacementEntity)
      .createQueryBuilder('placement')
      .where('placement.companyId = :companyId', { companyId: actor.organizationId })
      .orderBy('placement.startDate')
      .addOrderBy('placement.id');
    if (status) query.andWhere('placement.status = :status', { status });
    return paginate(query, page);
  }

  /** Search published placements; with `near`, only those within the radius, nearest first. */
  async search({ filter: given, ...page }: PlacementsArgs): Promise<Connection<PlacementEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const query = this.dataSource
      .getRepository(PlacementEntity)
      .createQueryBuilder('placement')
      .where('placement.status = :published', { published: PlacementStatus.PUBLISHED });
    if (filter.crebo) query.andWhere(':crebo = ANY(placement.crebos)', { crebo: filter.crebo });
    if (filter.level) query.andWhere('placement.level = :level', { level: filter.level });
    if (filter.leerweg) query.andWhere('placement.leerweg = :leerweg', { leerweg: filter.leerweg });
    if (filter.startFrom) query.andWhere('placement.startDate >= :startFrom', { startFrom: filter.startFrom });
    if (filter.startTo) query.andWhere('placement.startDate <= :startTo', { startTo: filter.startTo });
    if (filter.companyId) query.andWhere('placement.companyId = :companyId', { companyId: filter.companyId });
    if (!filter.near) return paginate(query.orderBy('placement.startDate').addOrderBy('placement.id'), page);

    const origin = await this.postcodes.require(filter.near.postcode, 'filter.near.postcode');
    this.withinRadius(query, origin, filter.near.radiusKm);
    const { offset, limit } = pageWindow(page);
    const [{ entities, raw }, totalCount] = await Promise.all([
      query.clone().orderBy('distance_km').addOrderBy('placement.startDate').addOrderBy('placement.id').offset(offset).limit(limit + 1).getRawAndEntities(),
      query.clone().getCount(),
    ]);
    entities.forEach((placement, index) => {
      placement.distanceKm = Math.round(Number((raw[index] as { distance_km: number }).distance_km) * 10) / 10;
    });
    return toConnection(entities, page, totalCount);
  }

  private withinRadius(query: SelectQueryBuilder<PlacementEntity>, origin: PostcodeEntity, radiusKm: number): void {
    const box = boundingBox(origin.lat, origin.lon, radiusKm);
    const distance = haversineSql(':originLat', ':originLon', 'area.lat', 'area.lon');
    query
      .innerJoin(BranchEntity, 'branch', 'branch.id = placement.branchId')
      .innerJoin(PostcodeEntity, 'area', 'area.pc4 = branch.pc4')
      .addSelect(distance, 'distance_km')
      .andWhere(
        new Brackets((where) =>
          where
            .where('area.lat BETWEEN :minLat AND :maxLat', box)
            .andWhere('area.lon BETWEEN :minLon AND :maxLon', box)
            .andWhere(`${distance} <= :radiusKm`, { radiusKm }),
        ),
      )
      .setParameters({ originLat: origin.lat, originLon: origin.lon });
  }

  /** The audit row and the event of a status change, in the change's transaction. */
  private async audited(manager: EntityManager, actor: Actor, before: PlacementEntity, placement: PlacementEntity): Promise<void> {
    await recordAudit(manager, actor, {
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
  private async lockOwn(actor: Actor, id: string, manager: EntityManager): Promise<PlacementEntity> {
    const placement = await manager.findOne(PlacementEntity, {
      where: { id, companyId: actor.organizationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!placement) throw new NotFoundError('Placement');
    return placement;
  }

  /** The daily clean-up: published or suspended placements whose end date has passed are closed. Idempotent. */
  async closeExpired(today: string): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const { raw: closed } = await manager
        .createQueryBuilder()
        .update(PlacementEntity)
        .set({ status: PlacementStatus.CLOSED, closedAt: () => 'now()' })
        .where('status IN (:...open) AND end_date < :today', { open: [PlacementStatus.PUBLISHED, PlacementStatus.SUSPENDED], today })
        .returning('id')
        .execute();
      const ids = (closed as { id: string }[]).map(({ id }) => id);
      await recordAudit(manager, null, ids.map((id) => ({ action: 'placement.closed', entityType: 'placement', entityId: id, after: { reason: 'end date passed' } })));
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
