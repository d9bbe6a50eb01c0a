import { Args, ArgsType, Field, ID, InputType, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsDateString, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { DataSource } from 'typeorm';
import { Allow } from '../auth/allow.decorator';
import { Role } from '../auth/roles';
import { BadUserInputError } from '../errors/domain-errors';
import { ConnectionArgs, ConnectionType, paginate } from '../graphql/pagination';
import { JSONObjectScalar } from '../graphql/scalars';
import { AuditEntryEntity } from './audit-entry.entity';

@ObjectType('AuditEntry', { description: 'One append-only audit row: who changed what, before and after' })
export class AuditEntryModel {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field(() => ID, { nullable: true })
  actorUserId: string | null;

  @Field(() => String, { nullable: true, description: 'SYSTEM for the worker' })
  actorRole: string | null;

  @Field(() => ID, { nullable: true })
  actorOrganizationId: string | null;

  @Field({ description: 'e.g. placement.suspended, norm_set.created, accreditation.revoked, trainer.assigned' })
  action: string;

  @Field()
  entityType: string;

  @Field()
  entityId: string;

  @Field(() => JSONObjectScalar, { nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => JSONObjectScalar, { nullable: true })
  after: Record<string, unknown> | null;
}
const AuditEntryConnection = ConnectionType(AuditEntryModel);

@InputType()
export class AuditLogFilter {
  @Field({ nullable: true, description: 'An action, or a prefix ending in a dot: "placement." matches every placement action' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'actorOrganizationId must be an id' })
  actorOrganizationId?: string;

  @Field({ nullable: true, description: 'From this instant (ISO 8601)' })
  @IsOptional()
  @IsDateString({}, { message: 'from must be an ISO 8601 instant' })
  from?: string;

  @Field({ nullable: true, description: 'Before this instant (ISO 8601)' })
  @IsOptional()
  @IsDateString({}, { message: 'to must be an ISO 8601 instant' })
  to?: string;
}

@ArgsType()
export class AuditLogArgs extends ConnectionArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter;
}

@Resolver(() => AuditEntryModel)
export class AuditLogResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Query(() => AuditEntryConnection, { description: 'SBB only: the audit log, newest first' })
  @Allow(Role.SBB)
  auditLog(@Args() { filter = {}, ...page }: AuditLogArgs) {
    if (filter.from && filter.to && filter.from > filter.to) throw BadUserInputError.field('filter.to', 'to must not be before from');
    const query = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('entry').orderBy('entry.id', 'DESC');
    if (filter.action?.endsWith('.')) query.andWhere('starts_with(entry.action, :prefix)', { prefix: filter.action });
    else if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
    if (filter.entityType) query.andWhere('entry.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('entry.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actorOrganizationId) query.andWhere('entry.actorOrganizationId = :org', { org: filter.actorOrganizationId });
    if (filter.from) query.andWhere('entry.occurredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.occurredAt < :to', { to: filter.to });
    return paginate(query, page);
  }
}
