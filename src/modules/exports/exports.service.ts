import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { BadUserInputError, ForbiddenError } from '../../common/errors/domain-errors';
import { toSpreadsheetCsv, toXlsx } from '../../common/spreadsheets/spreadsheet';
import { Environment } from '../../config/environment';
import { AuthService } from '../organizations/auth.service';
import { toCsv } from '../reporting/csv';
import { ExportableReport, ExportFormat, type ReportExportInput } from '../reporting/dto/report-export.input';
import { ExportableMark, type ExportableReportDefinition, type ExportableReportOptions } from '../reporting/exportable-report';
import type { ReportExportModel } from './dto/report-export.input';
import { SealedLinks } from './sealed-link';

export type ExportCheck = { ok: true; filename: string; contentType: string; body: string | Buffer } | { ok: false; reason: 'INVALID' | 'EXPIRED' | 'FORBIDDEN' };

/** Each format's file: its content type and extension. */
const FILES: Record<ExportFormat, { contentType: string; extension: string }> = {
  [ExportFormat.CSV]: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  [ExportFormat.CSV_NL]: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  [ExportFormat.XLSX]: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
};

/** What a link asks for: a report's name and its input field. */
export type ExportRequest = Pick<ReportExportInput, 'report' | 'format'> & Record<string, unknown>;

interface RegisteredReport {
  options: ExportableReportOptions;
  definition: ExportableReportDefinition;
}

interface ExportLink {
  userId: string;
  input: ExportRequest;
}

/**
 * CSV exports of the SBB reports through sealed, expiring links. The link carries the report,
 * its input and who asked, encrypted (nobody holding the link can read them); the report is
 * computed when the link is used, for that user as she is then (still SBB), and each creation and
 * download is audited. The reports are the providers marked `@Exportable()`, found at boot.
 */
@Injectable()
export class ExportsService implements OnModuleInit {
  private readonly links: SealedLinks;
  private readonly reports = new Map<string, RegisteredReport>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly env: Environment,
    private readonly auth: AuthService,
  ) {
    this.links = new SealedLinks(env.JWT_SECRET, 'report-exports');
  }

  /**
   * The reports are the providers marked `@Exportable` in any module (their names are unique: the
   * enum is built from them). A report declared but left out of its module's providers stops the boot.
   */
  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: ExportableMark.KEY })) {
      const options = this.discovery.getMetadataByDecorator(ExportableMark, wrapper);
      if (options && wrapper.instance) this.reports.set(options.name, { options, definition: wrapper.instance as ExportableReportDefinition });
    }
    const unprovided = Object.values(ExportableReport).filter((name) => !this.reports.has(name));
    if (unprovided.length) throw new Error(`Exportable reports not in any module's providers: ${unprovided.join(', ')}`);
  }

  /** Runs the report once, so bad input is refused now (naming the field) rather than at download. */
  async create(actor: Actor, input: ExportRequest): Promise<ReportExportModel> {
    await this.tableOf(actor, input);
    const expiresAt = new Date(this.clock.now().getTime() + this.env.EXPORT_LINK_TTL_MINUTES * 60_000);
    const token = this.links.seal({ userId: actor.userId, input } satisfies ExportLink, expiresAt);
    await this.audit.record(actor, { action: 'report_export.created', entityType: 'report_export', entityId: input.report, after: { ...input, expiresAt } });
    return { url: `${this.env.PUBLIC_URL}/exports/${token}`, expiresAt };
  }

  async download(token: string): Promise<ExportCheck> {
    const link = this.links.open<ExportLink>(token, this.clock.now());
    if (!link.ok) return link;
    const actor = await this.auth.actorFor(link.payload.userId);
    const { input } = link.payload;
    const report = this.reports.get(input.report);
    if (!actor || !report || !audienceOf(report).includes(actor.organizationType)) return { ok: false, reason: 'FORBIDDEN' };
    const { columns, rows } = await this.tableOf(actor, input);
    const format = input.format ?? ExportFormat.CSV;
    const body =
      format === ExportFormat.XLSX ? await toXlsx(input.report, columns, rows)
      : format === ExportFormat.CSV_NL ? toSpreadsheetCsv(columns, rows, 'nl')
      : toCsv(columns, rows);
    await this.audit.record(actor, { action: 'report_export.downloaded', entityType: 'report_export', entityId: input.report, after: { ...input } });
    const { contentType, extension } = FILES[format];
    return { ok: true, filename: `${input.report.toLowerCase().replace(/_/g, '-')}-${this.clock.today()}.${extension}`, contentType, body };
  }

  /** The report's table for the actor: FORBIDDEN outside its audience (SBB unless it says otherwise). */
  private async tableOf(actor: Actor, input: ExportRequest) {
    const report = this.reports.get(input.report);
    if (!report) throw BadUserInputError.field('input.report', `${input.report} is not an exportable report`);
    if (!audienceOf(report).includes(actor.organizationType)) throw new ForbiddenError(`The ${input.report} export is not for your organization`);
    const field = report.options.input?.field;
    const given = field ? input[field] : undefined;
    if (report.options.input?.required && !given) throw BadUserInputError.field(`input.${field}`, 'this report needs its input');
    return report.definition.table(actor, given ?? undefined);
  }
}

const audienceOf = (report: RegisteredReport): OrganizationType[] => report.options.audience ?? [OrganizationType.SBB];
