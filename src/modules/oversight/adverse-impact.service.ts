import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { assertReportPeriod } from '../../common/validation/report-period';
import { Clock } from '../../common/clock/clock';
import { Transactions } from '../../database/transactions';
import { DeclineReason } from '../matching/proposal.entity';
import { requireProvince } from '../postcodes/postcodes.service';
import { AdverseImpactReads, type DecisionRow } from '../reporting/adverse-impact.reads';
import type { AdverseImpactFlagEntity } from './adverse-impact-flag.entity';
import { assessGroups, cellSuppression, type GroupCell, type GroupImpact } from './adverse-impact';
import { AttributeCipher } from './attribute-cipher';
import type { AdverseImpactAuditInput } from './dto/adverse-impact.input';
import type { AdverseImpactAuditModel, CompanyImpactModel, GroupDeclineReasonsModel, GroupResponseTimeModel } from './models/adverse-impact.model';
import { AUDIT_GROUNDS } from './protected-attributes.entity';
import { OversightRepository } from './oversight.repository';
import { type CompanyScreening, screenCompanies, ScreeningStatus } from './screening';

const HOUR = 3600;

interface AuditedCompanies {
  compared: number;
  underpowered: number;
  flagged: CompanyImpactModel[];
  watched: CompanyImpactModel[];
  requested: CompanyImpactModel | null;
}

/**
 * R23: the adverse-impact audit of company decisions on proposals. Postgres does the counting
 * (reporting's AdverseImpactReads): proposals in scope are joined to their student's group, which
 * oversight derives from the blind index (R24: no answer is decrypted and none leaves the
 * database), and counted per group and company. Node applies the four-fifths analysis and the
 * suppression rules to those aggregates, and oversight stores the flags it raises.
 */
@Injectable()
export class AdverseImpactService {
  constructor(
    private readonly transactions: Transactions,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
    private readonly reads: AdverseImpactReads,
    private readonly cipher: AttributeCipher,
    private readonly oversight: OversightRepository,
  ) {}

  async audit(actor: Actor, input: AdverseImpactAuditInput): Promise<AdverseImpactAuditModel> {
    await this.validate(input);
    const rows = await this.reads.decisions(input, this.oversight.studentGroups(input.ground, this.cipher.indexKey));
    const reported = rows.filter((row) => row.grp !== null);
    const groups = assessGroups(this.cellsOf(input, rows));
    const companies = await this.companiesOf(input, rows);
    await this.transactions.run(async () => {
      await this.recordFlags(actor, input, companies.flagged);
      await this.auditLog.record(actor, { action: 'adverse_impact_audit.run', entityType: 'adverse_impact_audit', entityId: input.ground, after: { ...input } });
    });
    return {
      ground: input.ground,
      from: input.from,
      to: input.to,
      sampleSize: sum(reported, (row) => row.observations),
      unreported: sum(rows.filter((row) => row.grp === null), (row) => row.observations),
      adverseImpact: groups.some((group) => group.adverseImpact),
      groups,
      declineReasons: groups.map((group) => this.declineReasons(group, reported)),
      responseTimes: groups.map((group) => this.responseTime(group, reported)),
      falseDiscoveryRate: input.falseDiscoveryRate,
      companiesCompared: companies.compared,
      flaggedCompanies: companies.flagged,
      watchedCompanies: companies.watched,
      underpoweredCompanies: companies.underpowered,
      company: companies.requested,
    };
  }

  /** Every answer of the ground gets a cell, also when nobody in scope gave it. */
  private cellsOf({ ground }: AdverseImpactAuditInput, rows: DecisionRow[]): GroupCell[] {
    return AUDIT_GROUNDS[ground].values.map((group) => {
      const ofGroup = rows.filter((row) => row.grp === group);
      return { group, observations: sum(ofGroup, (row) => row.observations), accepted: sum(ofGroup, (row) => row.accepted) };
    });
  }

  /**
   * Every company in scope screened against all the others (R23): one test per company,
   * Benjamini–Hochberg over those compared, FLAGGED only below 0.80 and significant after it.
   */
  private async companiesOf(input: AdverseImpactAuditInput, rows: DecisionRow[]): Promise<AuditedCompanies> {
    const byCompany = new Map<string, DecisionRow[]>();
    for (const row of rows) {
      if (!byCompany.has(row.company_id)) byCompany.set(row.company_id, []);
      byCompany.get(row.company_id)!.push(row);
    }
    const screened = screenCompanies(
      [...byCompany].map(([companyId, companyRows]) => ({ companyId, cells: this.cellsOf(input, companyRows) })),
      input.falseDiscoveryRate,
    );
    const compared = screened.filter((company) => company.status !== ScreeningStatus.NOT_COMPARED);
    const withStatus = (status: ScreeningStatus) =>
      screened.filter((company) => company.status === status).sort((a, b) => a.lowestImpactRatio! - b.lowestImpactRatio!);
    const requested = input.companyId ? (screened.find((company) => company.companyId === input.companyId) ?? null) : null;
    const [flagged, watched] = [withStatus(ScreeningStatus.FLAGGED), withStatus(ScreeningStatus.WATCH)];
    const names = await this.reads.companyNames([...flagged, ...watched, ...(requested ? [requested] : [])].map((company) => company.companyId));
    const named = (company: CompanyScreening) => ({ ...company, companyName: names.get(company.companyId)! });
    return {
      compared: compared.length,
      underpowered: compared.filter((company) => company.underpowered).length,
      flagged: flagged.map(named),
      watched: watched.map(named),
      requested: requested ? named(requested) : null,
    };
  }

  /** Each flag is kept with its figures, for a later sanction to show what flagged the company (R22). */
  private async recordFlags(actor: Actor, input: AdverseImpactAuditInput, flagged: CompanyImpactModel[]): Promise<void> {
    await this.oversight.insertFlags(
      flagged.map((company) => ({
        companyId: company.companyId,
        ground: input.ground,
        periodFrom: input.from,
        periodTo: input.to,
        falseDiscoveryRate: input.falseDiscoveryRate,
        lowestImpactRatio: company.lowestImpactRatio!,
        intervalLow: company.lowestImpactRatioInterval!.low,
        intervalHigh: company.lowestImpactRatioInterval!.high,
        pValue: company.pValue!,
        qValue: company.qValue!,
        groups: company.groups,
        auditedBy: actor.userId,
      })),
    );
  }

  /** The flags a company had by a moment (a sanction's), the latest per ground. */
  /** One flag, for SBB (node(id)); the lookup allows no other role (R23: a reason to investigate, SBB's alone). */
  async findFlag(id: string): Promise<AdverseImpactFlagEntity> {
    return ownedOrNotFound('Adverse-impact flag', await this.oversight.flag(id));
  }

  flagsOf(companyId: string, until: Date): Promise<AdverseImpactFlagEntity[]> {
    return this.oversight.latestFlagsOf(companyId, until);
  }

  private declineReasons({ group, suppressed, observations, accepted }: GroupImpact, rows: DecisionRow[]): GroupDeclineReasonsModel {
    if (suppressed) return { group, suppressed, declines: null, reasons: [] };
    const declines = observations! - accepted!;
    const ofGroup = rows.filter((row) => row.grp === group);
    return {
      group,
      suppressed: null,
      declines,
      reasons: Object.values(DeclineReason).map((reason) => {
        const count = sum(ofGroup, (row) => row[reason]);
        const withheld = cellSuppression(count);
        return withheld ? { reason, suppressed: withheld, count: null, share: null } : { reason, suppressed: null, count, share: count / declines };
      }),
    };
  }

  private responseTime({ group, suppressed }: GroupImpact, rows: DecisionRow[]): GroupResponseTimeModel {
    const ofGroup = rows.filter((row) => row.grp === group);
    const answered = sum(ofGroup, (row) => row.answered);
    const withheld = suppressed ?? cellSuppression(answered);
    if (withheld) return { group, suppressed: withheld, answered: null, meanHours: null };
    return { group, suppressed: null, answered, meanHours: sum(ofGroup, (row) => row.seconds ?? 0) / answered / HOUR };
  }

  private async validate(input: AdverseImpactAuditInput): Promise<void> {
    if (input.from > this.clock.today()) throw BadUserInputError.field('input.from', 'the period must not start in the future', 'R23');
    assertReportPeriod(input.from, input.to, 'input.to', 'R23');
    for (const [id, type, field] of [[input.companyId, OrganizationType.COMPANY, 'input.companyId'], [input.schoolId, OrganizationType.SCHOOL, 'input.schoolId']] as const) {
      if (id !== undefined && !(await this.reads.isOrganization(id, type))) {
        throw BadUserInputError.field(field, `${id} is not a ${type.toLowerCase()}`, 'R23');
      }
    }
    await requireProvince(this.transactions.manager, input.region, 'input.region', 'R23');
  }
}

function sum<T>(rows: T[], value: (row: T) => number): number {
  return rows.reduce((total, row) => total + value(row), 0);
}
