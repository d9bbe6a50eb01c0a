import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { AuditLogService } from '../../common/audit/audit-log.service';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { type Connection, MAX_PAGE_SIZE } from '../../common/graphql/pagination';
import { Environment } from '../../config/environment';
import { dutchToday } from '../../queues/daily-run';
import { ComplianceReportsService } from '../compliance/compliance-reports.service';
import { DashboardsService } from '../dashboards/dashboards.service';
import { MeldpuntService } from '../meldpunt/meldpunt.service';
import { AuthService } from '../organizations/auth.service';
import { AdverseImpactService } from '../oversight/adverse-impact.service';
import { longFormat, table, toCsv } from './csv';
import { ExportableReport, type ReportExportInput, type ReportExportModel } from './dto/report-export.input';
import { SealedLinks } from './sealed-link';

/** Lists are exported whole, up to this many rows (a bigger audit log: narrow the filter). */
const MAX_EXPORT_ROWS = 100_000;

export type ExportCheck = { ok: true; filename: string; csv: string } | { ok: false; reason: 'INVALID' | 'EXPIRED' | 'FORBIDDEN' };

interface ExportLink {
  userId: string;
  input: ReportExportInput;
}

/**
 * CSV exports of the SBB reports through sealed, expiring links. The link carries the report,
 * its input and who asked, encrypted (nobody holding the link can read them); the report is
 * computed when the link is used, for that user as she is then (still SBB), and each creation and
 * download is audited.
 */
@Injectable()
export class ExportsService {
  private readonly links: SealedLinks;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: Environment,
    private readonly auth: AuthService,
    private readonly compliance: ComplianceReportsService,
    private readonly adverseImpact: AdverseImpactService,
    private readonly dashboards: DashboardsService,
    private readonly meldpunt: MeldpuntService,
    private readonly auditLog: AuditLogService,
  ) {
    this.links = new SealedLinks(env.JWT_SECRET, 'report-exports');
  }

  /** Runs the report once, so bad input is refused now (naming the field) rather than at download. */
  async create(actor: Actor, input: ReportExportInput): Promise<ReportExportModel> {
    await this.csvOf(actor, input);
    const expiresAt = new Date(Date.now() + this.env.EXPORT_LINK_TTL_MINUTES * 60_000);
    const token = this.links.seal({ userId: actor.userId, input } satisfies ExportLink, expiresAt);
    await recordAudit(this.dataSource.manager, actor, { action: 'report_export.created', entityType: 'report_export', entityId: input.report, after: { ...input, expiresAt } });
    return { url: `${this.env.PUBLIC_URL}/exports/${token}`, expiresAt };
  }

  async download(token: string): Promise<ExportCheck> {
    const link = this.links.open<ExportLink>(token);
    if (!link.ok) return link;
    const actor = await this.auth.actorFor(link.payload.userId);
    if (actor?.organizationType !== OrganizationType.SBB) return { ok: false, reason: 'FORBIDDEN' };
    const { input } = link.payload;
    const csv = await this.csvOf(actor, input);
    await recordAudit(this.dataSource.manager, actor, { action: 'report_export.downloaded', entityType: 'report_export', entityId: input.report, after: { ...input } });
    return { ok: true, filename: `${input.report.toLowerCase().replace(/_/g, '-')}-${dutchToday()}.csv`, csv };
  }

  private async csvOf(actor: Actor, input: ReportExportInput): Promise<string> {
    switch (input.report) {
      case ExportableReport.COMPLIANCE_OVERVIEW:
        return this.fields(await this.compliance.overview(input.complianceOverview ?? {}));
      case ExportableReport.ADVERSE_IMPACT_AUDIT:
        return this.fields(await this.adverseImpact.audit(actor, required(input.adverseImpactAudit, 'input.adverseImpactAudit')));
      case ExportableReport.PLACE_SUPPLY:
        return this.fields(await this.dashboards.placeSupply(input.placeSupply ?? {}));
      case ExportableReport.STUDENTS_WITHOUT_PLACEMENT: {
        const { students: _individuals, ...counts } = await this.dashboards.studentsWithoutPlacement({}, { weeks: input.studentsWithoutPlacementWeeks });
        return this.fields(counts);
      }
      case ExportableReport.TERMINATIONS:
        return this.fields(await this.dashboards.terminationsReport(required(input.terminations, 'input.terminations')));
      case ExportableReport.DISCRIMINATION_REPORTS:
        return this.list((page) => this.meldpunt.list(actor, { filter: input.discriminationReports, ...page }));
      case ExportableReport.AUDIT_LOG:
        return this.list((page) => this.auditLog.list({ filter: input.auditLog, ...page }));
    }
  }

  private fields(report: object): string {
    return toCsv(['field', 'value'], longFormat(report));
  }

  private async list(page: (args: { first: number; after?: string }) => Promise<Connection<object>>): Promise<string> {
    const items: object[] = [];
    let after: string | undefined;
    do {
      const connection = await page({ first: MAX_PAGE_SIZE, after });
      items.push(...connection.edges.map((edge) => edge.node));
      after = connection.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? undefined) : undefined;
    } while (after && items.length < MAX_EXPORT_ROWS);
    const { columns, rows } = table(items);
    return toCsv(columns, rows);
  }
}

function required<T>(value: T | undefined, field: string): T {
  if (!value) throw BadUserInputError.field(field, 'this report needs its input');
  return value;
}
