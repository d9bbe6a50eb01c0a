import { Injectable } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { AuditLogFilter } from '../../../common/audit/audit-log.resolver';
import { AuditLogService } from '../../../common/audit/audit-log.service';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { listTable } from '../report-table';

/** The append-only audit log as a table. */
@Injectable()
@Exportable({ name: 'AUDIT_LOG', input: { field: 'auditLog', decorators: [Field(() => AuditLogFilter, { nullable: true }), IsOptional(), ValidateNested(), Type(() => AuditLogFilter)] } })
export class AuditLogReport implements ExportableReportDefinition<AuditLogFilter> {
  constructor(private readonly auditLog: AuditLogService) {}

  /** Its columns named as the API names them: `id` is the entry's node id, `sequence` its place in the log. */
  table(_actor: unknown, filter?: AuditLogFilter) {
    return listTable(async (page) => {
      const connection = await this.auditLog.list({ filter, ...page });
      return { ...connection, edges: connection.edges.map(({ node: { id, nodeId, ...entry }, ...edge }) => ({ ...edge, node: { id: nodeId, sequence: id, ...entry } })) };
    });
  }
}
