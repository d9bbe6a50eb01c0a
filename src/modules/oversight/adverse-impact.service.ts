import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { assertReportPeriod } from '../../common/validation/report-period';
import { SqlParams } from '../../database/sql-params';
import { inTransaction } from '../../database/transaction';
import { dutchToday } from '../../queues/daily-run';
import { SCHEDULE_TIME_ZONE } from '../../queues/schedule-registrar';
import { Answer, DeclineReason, ProposalStatus } from '../matching/proposal.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { requireProvince } from '../postcodes/postcodes.service';
import { assessGroups, cellSuppression, type GroupCell, type GroupImpact } from './adverse-impact';
import { AttributeCipher, blindIndexSql } from './attribute-cipher';
import type { AdverseImpactAuditInput } from './dto/adverse-impact.input';
import type { AdverseImpactAuditModel, CompanyImpactModel, GroupDeclineReasonsModel, GroupResponseTimeModel } from './models/adverse-impact.model';
import { AUDIT_GROUNDS } from './protected-attributes.entity';

const HOUR = 3600;

/** Company decisions per group and company (`grp` null: the student did not answer the ground). */
interface DecisionRow extends Record<DeclineReason, number> {
  grp: string | null;
  company_id: string;
  observations: number;
  accepted: number;
  /** Answered (not left to expire), and the seconds those answers took in all. */
  answered: number;
  seconds: number | null;
}

/**
 * R23: the adverse-impact audit of company decisions on proposals. Postgres does the counting:
 * proposals in scope are joined to their student's group, which it derives from the blind index
 * (R24: no answer is decrypted and none leaves the database), and aggregated in two parallel
 * queries — per group and company, and per group, decline reason and hour of response. Node
 * applies the four-fifths analysis and the suppression rules to those aggregates.
 */
@Injectable()
export class AdverseImpactService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: AttributeCipher,
  ) {}

  async audit(actor: Actor, input: AdverseImpactAuditInput): Promise<AdverseImpactAuditModel> {
    await this.validate(input);
    const rows = await this.decisions(input);
    const reported = rows.filter((row) => row.grp !== null);
    const groups = assessGroups(this.cellsOf(input, rows));
    const companies = await this.companiesOf(input, rows);
    await recordAudit(this.dataSource.manager, actor, { action: 'adverse_impact_audit.run', entityType: 'adverse_impact_audit', entityId: input.ground, after: { ...input } });
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
      companiesCompared: companies.compared,
      flaggedCompanies: companies.flagged,
    };
  }

  /** Every answer of the ground gets a cell, also when nobody in scope gave it. */
  private cellsOf({ ground }: AdverseImpactAuditInput, rows: DecisionRow[]): GroupCell[] {
    return AUDIT_GROUNDS[ground].values.map((group) => {
      const ofGroup = rows.filter((row) => row.grp === group);
      return { group, observations: sum(ofGroup, (row) => row.observations), accepted: sum(ofGroup, (row) => row.accepted) };
    });
  }

  /** Companies whose own decisions show adverse impact that is also significant (p < 0.05). */
  private async companiesOf(input: AdverseImpactAuditInput, rows: DecisionRow[]): Promise<{ compared: number; flagged: CompanyImpactModel[] }> {
    const byCompany = new Map<string, DecisionRow[]>();
    for (const row of rows) {
      if (!byCompany.has(row.company_id)) byCompany.set(row.company_id, []);
      byCompany.get(row.company_id)!.push(row);
    }
    let compared = 0;
    const flagged: Array<Omit<CompanyImpactModel, 'companyName'>> = [];
    for (const [companyId, companyRows] of byCompany) {
      const groups = assessGroups(this.cellsOf(input, companyRows));
      const ratios = groups.filter((group) => group.impactRatio !== null).map((group) => group.impactRatio!);
      if (ratios.length >= 2) compared += 1;
      if (groups.some((group) => group.adverseImpact && group.significant)) flagged.push({ companyId, groups, lowestImpactRatio: Math.min(...ratios) });
    }
    flagged.sort((a, b) => a.lowestImpactRatio! - b.lowestImpactRatio!);
    const names = await this.dataSource.query<Array<{ id: string; name: string }>>('SELECT id, name FROM organizations WHERE id = ANY($1)', [flagged.map((c) => c.companyId)]);
    return { compared, flagged: flagged.map((company) => ({ ...company, companyName: names.find((row) => row.id === company.companyId)!.name })) };
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
    if (input.from > dutchToday()) throw BadUserInputError.field('input.from', 'the period must not start in the future', 'R23');
    assertReportPeriod(input.from, input.to, 'input.to', 'R23');
    for (const [id, type, field] of [[input.companyId, OrganizationType.COMPANY, 'input.companyId'], [input.schoolId, OrganizationType.SCHOOL, 'input.schoolId']] as const) {
      if (id !== undefined && !(await this.dataSource.getRepository(OrganizationEntity).existsBy({ id, type }))) {
        throw BadUserInputError.field(field, `${id} is not a ${type.toLowerCase()}`, 'R23');
      }
    }
    await requireProvince(this.dataSource, input.region, 'input.region', 'R23');
  }

  /**
   * One pass over the proposals in scope, joined to their student's group and counted per group
   * and company. The group comes from a join with the ground's answers (a VALUES list) rather than
   * a CASE: that tells the planner there are only a few groups, so it aggregates in parallel.
   */
  private decisions(input: AdverseImpactAuditInput): Promise<DecisionRow[]> {
    const params = new SqlParams();
    const param = (value: unknown) => params.add(value);
    const zone = param(SCHEDULE_TIME_ZONE);
    const where = [
      `p.created_at >= ${param(input.from)}::date::timestamp AT TIME ZONE ${zone}`,
      `p.created_at < (${param(input.to)}::date + 1)::timestamp AT TIME ZONE ${zone}`,
      // The company's decision: an answer, or silence until the proposal expired.
      `(p.company_answer <> '${Answer.PENDING}' OR p.status = '${ProposalStatus.EXPIRED}')`,
    ];
    const joins: string[] = [];
    if (input.companyId) where.push(`p.company_id = ${param(input.companyId)}`);
    if (input.schoolId) where.push(`p.school_id = ${param(input.schoolId)}`);
    if (input.sector) joins.push(`JOIN organizations o ON o.id = p.company_id AND o.sector = ${param(input.sector)}`);
    if (input.crebo) joins.push(`JOIN students s ON s.id = p.student_id AND s.crebo = ${param(input.crebo)}`);
    if (input.region) {
      joins.push(`JOIN placements pl ON pl.id = p.placement_id JOIN branches b ON b.id = pl.branch_id
                  JOIN postcodes pc ON pc.pc4 = b.pc4 AND pc.province = ${param(input.region)}`);
    }
    const { values, indexColumn } = AUDIT_GROUNDS[input.ground];
    const answers = values.map((value) => `(${param(value)})`).join(', ');
    const groups = `SELECT pa.student_id, v.grp FROM protected_attributes pa JOIN (VALUES ${answers}) AS v(grp)
                      ON pa.${indexColumn} = ${blindIndexSql('pa.student_id', param(input.ground), 'v.grp', param(this.cipher.indexKey))}`;
    const reasons = Object.values(DeclineReason).map((reason) => `(count(*) FILTER (WHERE p.decline_reason = '${reason}'))::int AS "${reason}"`);
    return this.query<DecisionRow>(
      `SELECT g.grp, p.company_id, count(*)::int AS observations, (count(*) FILTER (WHERE p.company_answer = '${Answer.ACCEPTED}'))::int AS accepted,
              ${reasons.join(', ')}, count(p.company_answered_at)::int AS answered,
              sum(extract(epoch FROM p.company_answered_at - p.created_at))::float8 AS seconds
         FROM proposals p ${joins.join(' ')} LEFT JOIN (${groups}) g ON g.student_id = p.student_id
        WHERE ${where.join(' AND ')}
        GROUP BY g.grp, p.company_id`,
      params.values,
    );
  }

  /** JIT compilation costs more than it saves on these aggregates. */
  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return inTransaction(this.dataSource, async (manager) => {
      await manager.query('SET LOCAL jit = off');
      return manager.query<T[]>(sql, params);
    });
  }
}

function sum<T>(rows: T[], value: (row: T) => number): number {
  return rows.reduce((total, row) => total + value(row), 0);
}
