import { Module } from '@nestjs/common';
import { PreparedQueries } from '../../database/prepared-queries';
import { BpvReport } from './reports/bpv.report';
import { AuditModule } from '../../common/audit/audit.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { MeldpuntModule } from '../meldpunt/meldpunt.module';
import { ComplianceReports } from './compliance-reports.reads';
import { ComplianceReportsResolver } from './compliance-reports.resolver';
import { DashboardReports } from './dashboards.reads';
import { DashboardsResolver } from './dashboards.resolver';
import { ReportingReadsModule } from './reporting-reads.module';
import { AgreementsModule } from '../agreements/agreements.module';
import { CompaniesModule } from '../companies/companies.module';
import { InternshipsModule } from '../internships/internships.module';
import { MatchingModule } from '../matching/matching.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PlacementsModule } from '../placements/placements.module';
import { SchoolTasksModule } from '../school-tasks/school-tasks.module';
import { StudentsModule } from '../students/students.module';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { MyDataReads } from './my-data/my-data.reads';
import { MyDataResolver } from './my-data/my-data.resolver';
import { NodeTypesReads } from './nodes/node-types.reads';
import { PlacementPartiesLoader } from './placement-parties/placement-parties.loader';
import { PlacementPartiesResolver } from './placement-parties/placement-parties.resolver';
import { NodesResolver } from './nodes/nodes.resolver';
import { NodesService } from './nodes/nodes.service';
import { AuditLogReport } from './reports/audit-log.report';
import { ComplianceOverviewReport } from './reports/compliance-overview.report';
import { DiscriminationReportsReport } from './reports/discrimination-reports.report';
import { PlaceSupplyReport } from './reports/place-supply.report';
import { StudentsWithoutPlacementReport } from './reports/students-without-placement.report';
import { TerminationsReport } from './reports/terminations.report';

/** The exportable reports defined here; the exports service finds them (and any other module's) at boot. */
const REPORTS = [BpvReport, PlaceSupplyReport, StudentsWithoutPlacementReport, TerminationsReport, ComplianceOverviewReport, DiscriminationReportsReport, AuditLogReport];

/**
 * Read-only reports that join many modules' tables: the SBB and school dashboards, the compliance
 * overview and a company's compliance profile, the data of the adverse-impact audit, a student's own
 * data (`myData`, GDPR article 15). It may read
 * every table and writes none; it sits at the top, so no module below imports it (except
 * ReportingReadsModule, which imports nothing).
 */
@Module({
  imports: [
    ReportingReadsModule,
    ComplianceModule,
    MeldpuntModule,
    AuditModule,
    // node(id) calls each type's own lookup
    AgreementsModule,
    CompaniesModule,
    InternshipsModule,
    MatchingModule,
    OrganizationsModule,
    PlacementsModule,
    SchoolTasksModule,
    StudentsModule,
    QualificationsModule,
  ],
  providers: [PreparedQueries, NodeTypesReads, NodesService, NodesResolver, PlacementPartiesLoader, PlacementPartiesResolver, DashboardReports, DashboardsResolver, ComplianceReports, ComplianceReportsResolver, MyDataReads, MyDataResolver, ...REPORTS],
  exports: [ReportingReadsModule, DashboardReports, ComplianceReports],
})
export class ReportingModule {}
