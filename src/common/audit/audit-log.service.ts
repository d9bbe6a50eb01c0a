import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadUserInputError, NotFoundError } from '../errors/domain-errors';
import { type Connection, orderingOf, paginate, SortDirection } from '../graphql/pagination';
import { AuditEntryEntity } from './audit-entry.entity';
import type { AuditLogArgs } from './audit-log.resolver';

/** SBB's view of the append-only audit log. */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row by its Node id (AuditEntry.id). */
  async find(nodeId: string): Promise<AuditEntryEntity> {
    const entry = await this.dataSource.getRepository(AuditEntryEntity).findOneBy({ nodeId });
    if (!entry) throw new NotFoundError('Audit entry');
    return entry;
  }

  list({ filter: given, orderBy, ...page }: AuditLogArgs): Promise<Connection<AuditEntryEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    if (filter.from && filter.to && filter.from > filter.to) throw BadUserInputError.field('filter.to', 'to must not be before from');
    const query = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('entry');
    if (filter.action?.endsWith('.')) query.andWhere('starts_with(entry.action, :prefix)', { prefix: filter.action });
    else if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
    if (filter.entityType) query.andWhere('entry.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('entry.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actorOrganizationId) query.andWhere('entry.actorOrganizationId = :org', { org: filter.actorOrganizationId });
    if (filter.from) query.andWhere('entry.occurredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.occurredAt < :to', { to: filter.to });
    const ordering = orderingOf({ OCCURRED_AT: 'entry.occurredAt', SEQUENCE: [] }, 'entry.id', orderBy, { field: 'SEQUENCE', direction: SortDirection.DESC });
    return paginate(query, page, { ordering });
  }
}
