import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { type Connection, pageWindow, paginate, toConnection } from '../../common/graphql/pagination';
import { BranchEntity } from '../companies/branch.entity';
import { CompaniesService } from '../companies/companies.service';
import { EventType } from '../notifications/event-type';
import { recordEvent } from '../notifications/outbox';
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
  ) {}

  async create(actor: Actor, input: CreatePlacementInput): Promise<PlacementEntity> {
    return this.dataSource.transaction(async (manager) => {
      await this.companies.requireOwnBranch(actor, input.branchId, 'input.branchId', manager);
      if (input.trainerId) await this.companies.requireOwnTrainer(actor, input.trainerId, 'input.trainerId', manager);
      const placement = manager.create(PlacementEntity, { ...input, trainerId: input.trainerId ?? null, companyId: actor.organizationId });
      checkDates(placement);
      await manager.save(placement);
      await recordAudit(manager, actor, { action: 'placement.created', entityType: 'placement', entityId: placement.id, after: placement });
      return placement;
    });
  }

  async update(actor: Actor, id: string, input: UpdatePlacementInput): Promise<PlacementEntity> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.lockOwn(actor, id, manager);
      if (placement.status === PlacementStatus.CLOSED) throw new ConflictError(`Placement ${id} is closed and can no longer change`);
      if (input.trainerId) await this.companies.requireOwnTrainer(actor, input.trainerId, 'input.trainerId', manager);
      const before = { ...placement };
      manager.merge(PlacementEntity, placement, input);
      checkDates(placement);
      await manager.save(placement);
      await recordAudit(manager, actor, { action: 'placement.updated', entityType: 'placement', entityId: id, before, after: placement });
      return placement;
    });
  }

  async publish(actor: Actor, id: string): Promise<PlacementEntity> {
    return this.transition(actor, id, PlacementStatus.PUBLISHED, (placement) => {
      if (placement.status !== PlacementStatus.DRAFT) throw new ConflictError(`Placement ${id} is ${placement.status}, not DRAFT`);
      if (!placement.trainerId) {
        throw BadUserInputError.field('trainerId', 'a placement needs its praktijkopleider before it is published (R5)', 'R5');
      }
      placement.publishedAt = new Date();
    });
  }

  async close(actor: Actor, id: string): Promise<PlacementEntity> {
    return this.transition(actor, id, PlacementStatus.CLOSED, (placement) => {
      if (placement.status === PlacementStatus.CLOSED) throw new ConflictError(`Placement ${id} is already closed`);
      placement.closedAt = new Date();
    });
  }

  /** Published placements are public to signed-in users; drafts only to their company, SBB and the operator. */
  async findVisible(actor: Actor, id: string): Promise<PlacementEntity> {
    const placement = await this.dataSource.getRepository(PlacementEntity).findOneBy({ id });
    const internal =
      placement?.companyId === actor.organizationId ||
      actor.organizationType === OrganizationType.SBB ||
      actor.organizationType === OrganizationType.PLATFORM;
    if (!placement || (placement.status !== PlacementStatus.PUBLISHED && !internal)) throw new NotFoundError('Placement', id);
    return placement;
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
  async search({ filter = {}, ...page }: PlacementsArgs): Promise<Connection<PlacementEntity>> {
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

  private async transition(
    actor: Actor,
    id: string,
    to: PlacementStatus,
    check: (placement: PlacementEntity) => void,
  ): Promise<PlacementEntity> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.lockOwn(actor, id, manager);
      const before = { ...placement };
      check(placement);
      placement.status = to;
      await manager.save(placement);
      await recordAudit(manager, actor, {
        action: `placement.${to.toLowerCase()}`,
        entityType: 'placement',
        entityId: id,
        before,
        after: placement,
      });
      await recordEvent(manager, to === PlacementStatus.PUBLISHED ? EventType.PLACEMENT_PUBLISHED : EventType.PLACEMENT_CLOSED, {
        placementId: id,
      });
      return placement;
    });
  }

  /** The actor's own placement, row-locked for the rest of the transaction; NOT_FOUND otherwise. */
  private async lockOwn(actor: Actor, id: string, manager: EntityManager): Promise<PlacementEntity> {
    const placement = await manager.findOne(PlacementEntity, {
      where: { id, companyId: actor.organizationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!placement) throw new NotFoundError('Placement', id);
    return placement;
  }

  /** The daily clean-up: published placements whose end date has passed are closed. Idempotent. */
  async closeExpired(today: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const { raw: closed } = await manager
        .createQueryBuilder()
        .update(PlacementEntity)
        .set({ status: PlacementStatus.CLOSED, closedAt: () => 'now()' })
        .where('status = :published AND end_date < :today', { published: PlacementStatus.PUBLISHED, today })
        .returning('id')
        .execute();
      const ids = (closed as { id: string }[]).map(({ id }) => id);
      await recordAudit(manager, null, ids.map((id) => ({ action: 'placement.closed', entityType: 'placement', entityId: id, after: { reason: 'end date passed' } })));
      await recordEvent(manager, EventType.PLACEMENT_CLOSED, ids.map((placementId) => ({ placementId })));
      return ids.length;
    });
  }
}

function checkDates(placement: PlacementEntity): void {
  if (placement.endDate < placement.startDate) {
    throw BadUserInputError.field('input.endDate', 'endDate must not be before startDate');
  }
}
