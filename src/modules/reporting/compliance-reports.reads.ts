import { Injectable } from '@nestjs/common';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { SqlParams } from '../../database/sql-params';
import { requireProvince } from '../postcodes/postcodes.service';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { Leerweg } from '../../common/qualification';
import { Clock } from '../../common/clock/clock';
import { Transactions } from '../../database/transactions';
import { PlacementEntity, PlacementStatus } from '../placements/placement.entity';
import { ComplianceStatus } from '../compliance/compliance-status';
import type { ComplianceOverviewFilter, CompliancePlacementsArgs } from '../compliance/dto/compliance-report.input';
import type { ComplianceOverviewModel } from '../compliance/models/compliance.model';
import { guidanceFindings, MIN_CONTACTS_PER_PERIOD } from '../compliance/guidance';
import { NormSetHistory } from '../compliance/placement-compliance';
import type { Finding } from '../compliance/rules/rule';

/** SBB's view of where the rules are broken: aggregates in SQL, never the placements in memory. */
@Injectable()
export class ComplianceReports {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  private get db() {
    return this.transactions.manager;
  }

  async overview(given: ComplianceOverviewFilter | null = {}): Promise<ComplianceOverviewModel> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const { sql: scope, internships, params } = await this.scope(filter);
    const today = this.clock.today();
    const fullTimeHours = (await NormSetHistory.load(this.db)).inForceOn(today).norms.fullTimeHoursPerWeek;
    const query = <T>(sql: string, extra: unknown[] = []) =>
      this.db.query<T[]>(`WITH scope AS (${scope}), internship_scope AS (${internships}) ${sql}`, [...params, ...extra]);
    const next = params.length + 1;
    const [[summary], rules, trainerLoad, [guidance]] = await Promise.all([
      // One scan for the statuses and the stipends (R15; BOL only). The full-time median sorts
      // doubles, not numerics (half the time); it is still the exact one rounded half up: with at most
      // 60 hours a week an exact median is either a half cent or at least 1/7200 cent from any half,
      // and rounding to 6 decimals first absorbs the doubles' error (about 1e-11) without crossing a half.
      query<Record<ComplianceStatus, number> & { bol: number; median: number | null; median_full_time: number | null; below_floor: number | null; without: number | null }>(
        `SELECT ${Object.values(ComplianceStatus).map((status) => `count(*) FILTER (WHERE compliance_status = '${status}')::int AS "${status}"`).join(', ')},
                count(*) FILTER (WHERE leerweg = $${next + 1})::int AS bol,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY stipend_monthly_cents) FILTER (WHERE leerweg = $${next + 1}) AS median,
                round(round((percentile_cont(0.5) WITHIN GROUP (ORDER BY stipend_monthly_cents * $${next}::float8 / hours_per_week) FILTER (WHERE leerweg = $${next + 1}))::numeric, 6))::int AS median_full_time,
                avg(('R15' = ANY(compliance_rules))::int) FILTER (WHERE leerweg = $${next + 1})::float AS below_floor,
                avg((stipend_monthly_cents = 0)::int) FILTER (WHERE leerweg = $${next + 1})::float AS without
           FROM scope`,
        [fullTimeHours, Leerweg.BOL],
      ),
      query<{ rule: string; placements: number }>(
        'SELECT rule, count(*)::int AS placements FROM scope, unnest(compliance_rules) AS rule GROUP BY rule ORDER BY 2 DESC, 1',
      ),
      query<{ students: number; trainers: number }>(
        `SELECT students, count(*)::int AS trainers FROM (
           SELECT t.trainer_id, count(a.id)::int AS students
             FROM (SELECT trainer_id FROM scope WHERE trainer_id IS NOT NULL UNION SELECT trainer_id FROM internship_scope WHERE trainer_id IS NOT NULL) t
             LEFT JOIN trainer_assignments a ON a.trainer_id = t.trainer_id AND a.internship_id IS NOT NULL AND a.ended_at IS NULL AND a.start_date <= $${next} AND a.end_date >= $${next}
            GROUP BY t.trainer_id) load
          GROUP BY students ORDER BY students`,
        [today],
      ),
      // R17 over internships whose BPV period is over.
      query<{ ended: number; too_few: number; no_on_site: number; with_findings: number; active: number; completed: number; terminated: number }>(
        `, placed AS (
           SELECT i.status, i.end_date < $${next} AND i.status IN ('ACTIVE', 'COMPLETED') AS ended,
                  (SELECT count(*) FROM contact_moments c WHERE c.internship_id = i.id) AS contacts,
                  EXISTS (SELECT 1 FROM contact_moments c WHERE c.internship_id = i.id AND c.on_site) AS on_site
             FROM internships i JOIN internship_scope ON internship_scope.id = i.id)
         SELECT count(*) FILTER (WHERE ended)::int AS ended, count(*) FILTER (WHERE ended AND contacts < $${next + 1})::int AS too_few,
                count(*) FILTER (WHERE ended AND NOT on_site)::int AS no_on_site,
                count(*) FILTER (WHERE ended AND (contacts < $${next + 1} OR NOT on_site))::int AS with_findings,
                count(*) FILTER (WHERE status IN ('PLANNED', 'ACTIVE'))::int AS active, count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
                count(*) FILTER (WHERE status = 'TERMINATED')::int AS terminated
           FROM placed`,
        [today, MIN_CONTACTS_PER_PERIOD],
      ),
    ]);
    const byStatus = Object.values(ComplianceStatus)
      .map((status) => ({ status, placements: summary[status] }))
      .filter((row) => row.placements > 0);
    return {
      placements: byStatus.reduce((sum, row) => sum + row.placements, 0),
      byStatus,
      mostViolatedRules: rules,
      stipends: {
        placements: summary.bol,
        medianMonthlyCents: summary.median,
        medianFullTimeCents: summary.median_full_time,
        shareBelowFloor: summary.below_floor ?? 0,
        shareWithoutStipend: summary.without ?? 0,
      },
      trainerLoad,
      guidance: { endedInternships: guidance.ended, withFindings: guidance.with_findings, tooFewContacts: guidance.too_few, noOnSiteContact: guidance.no_on_site },
      internships: { current: guidance.active, completed: guidance.completed, terminated: guidance.terminated },
    };
  }

  /** A company's internships whose BPV period is over with R17 findings (too few contacts, none on site). */
  async guidanceFindings(companyId: string, today = this.clock.today()): Promise<{ internshipId: string; placementId: string; endDate: string; findings: Finding[] }[]> {
    const rows = await this.db.query<{ id: string; placement_id: string; start_date: string; end_date: string; contacts: { date: string; onSite: boolean }[] }[]>(
      `SELECT i.id, i.placement_id, i.start_date::text, i.end_date::text,
              coalesce((SELECT json_agg(json_build_object('date', c.date, 'onSite', c.on_site)) FROM contact_moments c WHERE c.internship_id = i.id), '[]') AS contacts
         FROM internships i WHERE i.company_id = $1 AND i.end_date < $2 AND i.status IN ('ACTIVE', 'COMPLETED') ORDER BY i.end_date DESC, i.id`,
      [companyId, today],
    );
    return rows
      .map((row) => ({
        internshipId: row.id,
        placementId: row.placement_id,
        endDate: row.end_date,
        findings: guidanceFindings({ startDate: row.start_date, endDate: row.end_date, contacts: row.contacts }, today),
      }))
      .filter((row) => row.findings.length);
  }

  /** A company's internships whose actual hours have compliance findings (issue #17: R8, R10–R12, stored on the internship as its weeks change). */
  async hoursFindings(companyId: string): Promise<{ internshipId: string; placementId: string | null; findings: Finding[] }[]> {
    const rows = await this.db.query<{ id: string; placement_id: string | null; hours_findings: Finding[] }[]>(
      `SELECT i.id, i.placement_id, i.hours_findings FROM internships i
        WHERE i.company_id = $1 AND jsonb_array_length(i.hours_findings) > 0 ORDER BY i.start_date, i.id`,
      [companyId],
    );
    return rows.map((row) => ({ internshipId: row.id, placementId: row.placement_id, findings: row.hours_findings }));
  }

  /** A company's placements in every status but draft, optionally by compliance status, worst first. */
  companyPlacements(companyId: string, { complianceStatus, ...page }: CompliancePlacementsArgs): Promise<Connection<PlacementEntity>> {
    const query = this.db
      .getRepository(PlacementEntity)
      .createQueryBuilder('placement')
      .where('placement.companyId = :companyId', { companyId })
      .andWhere('placement.status <> :draft', { draft: PlacementStatus.DRAFT })
      .orderBy('placement.complianceStatus', 'DESC')
      .addOrderBy('placement.startDate')
      .addOrderBy('placement.id');
    if (complianceStatus) query.andWhere('placement.complianceStatus = :complianceStatus', { complianceStatus });
    return paginate(query, page);
  }

  /** The placements in scope as SQL: every status but draft, narrowed by the filter; and the internships in scope. */
  private async scope(filter: ComplianceOverviewFilter): Promise<{ sql: string; internships: string; params: unknown[] }> {
    if (filter.from && filter.to && filter.from > filter.to) throw BadUserInputError.field('filter.to', 'to must not be before from');
    await requireProvince(this.db, filter.region, 'filter.region');
    const params = new SqlParams();
    const where = [`p.status <> '${PlacementStatus.DRAFT}'`];
    const joins: string[] = [];
    if (filter.sector) {
      joins.push('JOIN organizations o ON o.id = p.company_id');
      where.push(`o.sector = ${params.add(filter.sector)}`);
    }
    if (filter.region) {
      joins.push('JOIN branches b ON b.id = p.branch_id JOIN postcodes pc ON pc.pc4 = b.pc4');
      where.push(`pc.province = ${params.add(filter.region)}`);
    }
    if (filter.crebo) where.push(`p.crebos @> ARRAY[${params.add(filter.crebo)}]::text[]`);
    if (filter.companyId) where.push(`p.company_id = ${params.add(filter.companyId)}`);
    if (filter.from) where.push(`p.start_date >= ${params.add(filter.from)}`);
    if (filter.to) where.push(`p.start_date <= ${params.add(filter.to)}`);
    const columns = 'p.id, p.compliance_status, p.compliance_rules, p.leerweg, p.stipend_monthly_cents, p.hours_per_week, p.trainer_id';
    // The internships in scope: those at a placement in scope, and self-found ones recorded on a
    // branch only, narrowed by the same filter on their own terms (issue #16: every internship counts).
    const selfFound = ['i.placement_id IS NULL'];
    const selfFoundJoins: string[] = [];
    if (filter.sector) {
      selfFoundJoins.push('JOIN organizations o ON o.id = i.company_id');
      selfFound.push(`o.sector = ${params.add(filter.sector)}`);
    }
    if (filter.region) {
      selfFoundJoins.push('JOIN branches b ON b.id = r.branch_id JOIN postcodes pc ON pc.pc4 = b.pc4');
      selfFound.push(`pc.province = ${params.add(filter.region)}`);
    }
    if (filter.crebo) selfFound.push(`r.crebo = ${params.add(filter.crebo)}`);
    if (filter.companyId) selfFound.push(`i.company_id = ${params.add(filter.companyId)}`);
    if (filter.from) selfFound.push(`i.start_date >= ${params.add(filter.from)}`);
    if (filter.to) selfFound.push(`i.start_date <= ${params.add(filter.to)}`);
    const internships = `
      SELECT i.id, NULL::uuid AS trainer_id FROM internships i JOIN (SELECT p.id FROM placements p ${joins.join(' ')} WHERE ${where.join(' AND ')}) placed ON placed.id = i.placement_id
      UNION ALL
      SELECT i.id, r.trainer_id FROM internships i JOIN internship_registrations r ON r.id = i.registration_id ${selfFoundJoins.join(' ')} WHERE ${selfFound.join(' AND ')}`;
    return { sql: `SELECT ${columns} FROM placements p ${joins.join(' ')} WHERE ${where.join(' AND ')}`, internships, params: params.values };
  }
}
