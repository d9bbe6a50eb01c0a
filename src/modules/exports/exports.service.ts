import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { recordAudit } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { AuthService } from '../organizations/auth.service';
import { toCsv } from '../reporting/csv';
import { Exportable, type ExportableReportDefinition } from '../reporting/exportable-report';
import { ExportableReport, type ReportExportInput, type ReportExportModel } from './dto/report-export.input';
import { SealedLinks } from './sealed-link';

export type ExportCheck = { ok: true; filename: string; csv: string } | { ok: false; reason: 'INVALID' | 'EXPIRED' | 'FORBIDDEN' };

/** What a link asks for: a report's name and the input fields of `ReportExportInput`. */
export type ExportRequest = { report: string } & Partial<Omit<ReportExportInput, 'report'>>;

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
  private readonly reports = new Map<string, ExportableReportDefinition>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly env: Environment,
    private readonly auth: AuthService,
  ) {
    this.links = new SealedLinks(env.JWT_SECRET, 'report-exports');
  }

  /** Every value of the GraphQL enum must have exactly one report behind it. */
  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: Exportable.KEY })) {
      const report = wrapper.instance as ExportableReportDefinition | undefined;
      if (!report) continue;
      if (this.reports.has(report.name)) throw new Error(`Two exportable reports are named ${report.name}`);
      this.reports.set(report.name, report);
    }
    const missing = Object.values(ExportableReport).filter((name) => !this.reports.has(name));
    if (missing.length) throw new Error(`No exportable report registered for ${missing.join(', ')}`);
  }

  /** Runs the report once, so bad input is refused now (naming the field) rather than at download. */
  async create(actor: Actor, input: ExportRequest): Promise<ReportExportModel> {
    await this.csvOf(actor, input);
    const expiresAt = new Date(this.clock.now().getTime() + this.env.EXPORT_LINK_TTL_MINUTES * 60_000);
    const token = this.links.seal({ userId: actor.userId, input } satisfies ExportLink, expiresAt);
    await recordAudit(this.transactions.manager, actor, { action: 'report_export.created', entityType: 'report_export', entityId: input.report, after: { ...input, expiresAt } });
    return { url: `${this.env.PUBLIC_URL}/exports/${token}`, expiresAt };
  }

  async download(token: string): Promise<ExportCheck> {
    const link = this.links.open<ExportLink>(token, this.clock.now());
    if (!link.ok) return link;
    const actor = await this.auth.actorFor(link.payload.userId);
    if (actor?.organizationType !== OrganizationType.SBB) return { ok: false, reason: 'FORBIDDEN' };
    const { input } = link.payload;
    const csv = await this.csvOf(actor, input);
    await recordAudit(this.transactions.manager, actor, { action: 'report_export.downloaded', entityType: 'report_export', entityId: input.report, after: { ...input } });
    return { ok: true, filename: `${input.report.toLowerCase().replace(/_/g, '-')}-${this.clock.today()}.csv`, csv };
  }

  private async csvOf(actor: Actor, input: ExportRequest): Promise<string> {
    const report = this.reports.get(input.report);
    if (!report) throw BadUserInputError.field('input.report', `${input.report} is not an exportable report`);
    const given = report.inputField ? (input as Record<string, unknown>)[report.inputField] : undefined;
    if (report.inputRequired && !given) throw BadUserInputError.field(`input.${report.inputField}`, 'this report needs its input');
    const { columns, rows } = await report.table(actor, given ?? undefined);
    return toCsv(columns, rows);
  }
}
