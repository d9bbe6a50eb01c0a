import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { DashboardsModule } from '../dashboards/dashboards.module';
import { MeldpuntModule } from '../meldpunt/meldpunt.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { OversightModule } from '../oversight/oversight.module';
import { ExportsController } from './exports.controller';
import { ExportsResolver } from './exports.resolver';
import { ExportsService } from './exports.service';

/** CSV downloads of the SBB reports through sealed, expiring links (issue #7). */
@Module({
  imports: [AuditModule, OrganizationsModule, ComplianceModule, OversightModule, DashboardsModule, MeldpuntModule],
  controllers: [ExportsController],
  providers: [ExportsService, ExportsResolver],
})
export class ExportsModule {}
