import { Module } from '@nestjs/common';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditLogService } from './audit-log.service';

/** SBB's read of the append-only audit log (writing is `AuditLog`, provided by DatabaseModule, inside each change's transaction). */
@Module({ providers: [AuditLogService, AuditLogResolver], exports: [AuditLogService] })
export class AuditModule {}
