import { Args, ArgsType, Field, ID, InputType, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDateString, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Allow } from '../auth/allow.decorator';
import { Role } from '../auth/roles';
import { COST_WEIGHT } from '../graphql/cost-weights';
import { NodeInterface } from '../graphql/node';
import { ConnectionArgs, ConnectionType, OrderByInput, SortDirection, sortFields } from '../graphql/pagination';
import { JSONObjectScalar } from '../graphql/scalars';
import type { AuditEntryEntity } from './audit-entry.entity';
import { AuditLogService } from './audit-log.service';

@ObjectType('AuditEntry', { implements: () => [NodeInterface], description: 'One append-only audit row: who changed what, before and after' })
export class AuditEntryModel {
  @Field(() => ID, { description: 'Unique across all types: node(id) refetches it (SBB only), a client cache keys on it' })
  id: string;

  @Field({ description: 'The order rows were written in: a row written later has a higher number (sort by SEQUENCE)' })
  sequence: string;

  @Field()
  occurredAt: Date;

  @Field(() => ID, { nullable: true })
  actorUserId: string | null;

  @Field(() => String, { nullable: true, description: "The actor's role; SYSTEM for the worker, CLI for an operator's command-line task (npm run org:create), MIGRATION for a one-time data migration" })
  actorRole: string | null;

  @Field(() => ID, { nullable: true })
  actorOrganizationId: string | null;

  @Field({ description: 'What happened, e.g. placement.suspended, norm_set.created, accreditation.revoked, trainer.assigned' })
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

export const AuditEntryOrderField = sortFields('AuditEntryOrderField', 'What the audit log is sorted by', {
  OCCURRED_AT: 'When it happened (by the clock of the change)',
  SEQUENCE: 'The order rows were written in (AuditEntry.sequence)',
});
const AuditEntryOrder = OrderByInput('AuditEntryOrder', AuditEntryOrderField, SortDirection.DESC);

@ArgsType()
export class AuditLogArgs extends ConnectionArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter;

  @Field(() => AuditEntryOrder, { nullable: true, description: 'Default: SEQUENCE DESC, newest first' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditEntryOrder)
  orderBy?: InstanceType<typeof AuditEntryOrder>;
}

@Resolver(() => AuditEntryModel)
export class AuditLogResolver {
  constructor(private readonly service: AuditLogService) {}

  @Query(() => AuditEntryConnection, { description: 'SBB only: the audit log, newest first', complexity: COST_WEIGHT.SEARCH })
  @Allow(Role.SBB)
  auditLog(@Args() args: AuditLogArgs) {
    return this.service.list(args);
  }

  // The row's key is the bigint sequence; its Node id is the UUID beside it.
  @ResolveField(() => ID)
  @Allow(Role.SBB)
  id(@Parent() entry: AuditEntryEntity): string {
    return entry.nodeId;
  }

  @ResolveField(() => String)
  @Allow(Role.SBB)
  sequence(@Parent() entry: AuditEntryEntity): string {
    return entry.id;
  }
}
