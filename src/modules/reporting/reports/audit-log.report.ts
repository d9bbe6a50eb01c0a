import { Injectable } from '@nestjs/common';
import type { AuditLogFilter } from '../../../common/audit/audit-log.resolver';
import { AuditLogService } from '../../../common/audit/audit-log.service';
import { Exportable, type ExportableReportDefinition } from '../exportable-report';
import { listTable } from '../report-table';

/** The append-only audit log as a table. */
@Injectable()
@Exportable()
export class AuditLogReport implements ExportableReportDefinition<AuditLogFilter> {
  readonly name = 'AUDIT_LOG';
  readonly inputField = 'auditLog';

  constructor(private readonly auditLog: AuditLogService) {}

  table(_actor: unknown, filter?: AuditLogFilter) {
    return listTable((page) => this.auditLog.list({ filter, ...page }));
  }
}
