import { Injectable } from '@nestjs/common';
import type { OrganizationType } from '../../common/auth/roles';
import { SqlParams } from '../../database/sql-params';
import { Transactions } from '../../database/transactions';
import { DUTCH_TIME_ZONE } from '../../common/clock/clock';
import { Answer, DeclineReason, ProposalStatus } from '../matching/proposal.entity';

/** The decisions an audit covers (R23): a period of proposals and self-found registrations, and any combination of scopes. */
export interface DecisionScope {
  from: string;
  to: string;
  companyId?: string;
  schoolId?: string;
  sector?: string;
  crebo?: string;
  region?: string;
}

/**
 * The students' groups as SQL, supplied by the owner of the attributes (oversight), so reporting
 * never knows how they are stored (R24: derived from the blind index, never decrypted). It must
 * select `student_id` and `grp`; `param` binds a value and returns its placeholder.
 */
export type StudentGroupsSql = (param: (value: unknown) => string) => string;

/** Company decisions per group and company (`grp` null: the student did not answer the ground). */
export interface DecisionRow extends Record<DeclineReason, number> {
  grp: string | null;
  company_id: string;
  observations: number;
  accepted: number;
  /** Answered (not left to expire), and the seconds those answers took in all. */
  answered: number;
  seconds: number | null;
}

/**
 * The company decisions the audit counts (R23): its answers to proposals, and its answers to
 * self-found internships a school registered (confirmed = accepted, declined with its R21 code; a
 * withdrawn or unanswered registration is no decision). One row shape for both, in the proposals'
 * own types: turning a million enum values into text cost a tenth of the audit.
 */
const DECISIONS = `(
  SELECT created_at, company_answer, status = '${ProposalStatus.EXPIRED}' AS expired, company_id, school_id, student_id, placement_id,
         NULL::uuid AS branch_id, decline_reason, company_answered_at
    FROM proposals
  UNION ALL
  SELECT created_at, (CASE status WHEN 'CONFIRMED' THEN '${Answer.ACCEPTED}' WHEN 'DECLINED' THEN '${Answer.DECLINED}' ELSE '${Answer.PENDING}' END)::proposal_answer,
         false, company_id, school_id, student_id, placement_id, branch_id, decline_reason, decided_at
    FROM internship_registrations WHERE status IN ('CONFIRMED', 'DECLINED'))`;

/**
 * Reporting's read API for the adverse-impact audit (R23), used by oversight, which computes the
 * screening and stores the flags; reporting never imports oversight.
 */
@Injectable()
export class AdverseImpactReads {
  constructor(private readonly transactions: Transactions) {}

  async isOrganization(id: string, type: OrganizationType): Promise<boolean> {
    const [row] = await this.transactions.manager.query<{ found: boolean }[]>('SELECT EXISTS (SELECT 1 FROM organizations WHERE id = $1 AND type = $2) AS found', [id, type]);
    return row.found;
  }

  async companyNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.transactions.manager.query<Array<{ id: string; name: string }>>('SELECT id, name FROM organizations WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * One pass over the proposals in scope, joined to their student's group and counted per group
   * and company. The group comes from a join (see `StudentGroupsSql`) rather than a CASE: that
   * tells the planner there are only a few groups, so it aggregates in parallel. The answer times
   * are summed as intervals and turned into seconds once per group: `extract(epoch …)` is numeric,
   * and a numeric per proposal made a sixth of the query (the same sum: both are exact).
   */
  decisions(scope: DecisionScope, studentGroups: StudentGroupsSql): Promise<DecisionRow[]> {
    const params = new SqlParams();
    const param = (value: unknown) => params.add(value);
    const zone = param(DUTCH_TIME_ZONE);
    const where = [
      `p.created_at >= ${param(scope.from)}::date::timestamp AT TIME ZONE ${zone}`,
      `p.created_at < (${param(scope.to)}::date + 1)::timestamp AT TIME ZONE ${zone}`,
      // The company's decision: an answer, or silence until the proposal expired.
      `(p.company_answer <> '${Answer.PENDING}' OR p.expired)`,
    ];
    const joins: string[] = [];
    if (scope.companyId) where.push(`p.company_id = ${param(scope.companyId)}`);
    if (scope.schoolId) where.push(`p.school_id = ${param(scope.schoolId)}`);
    if (scope.sector) joins.push(`JOIN organizations o ON o.id = p.company_id AND o.sector = ${param(scope.sector)}`);
    if (scope.crebo) joins.push(`JOIN students s ON s.id = p.student_id AND s.crebo = ${param(scope.crebo)}`);
    if (scope.region) {
      joins.push(`LEFT JOIN placements pl ON pl.id = p.placement_id JOIN branches b ON b.id = COALESCE(pl.branch_id, p.branch_id)
                  JOIN postcodes pc ON pc.pc4 = b.pc4 AND pc.province = ${param(scope.region)}`);
    }
    const groups = studentGroups(param);
    const reasons = Object.values(DeclineReason).map((reason) => `(count(*) FILTER (WHERE p.decline_reason = '${reason}'))::int AS "${reason}"`);
    return this.withoutJit<DecisionRow>(
      `SELECT g.grp, p.company_id, count(*)::int AS observations, (count(*) FILTER (WHERE p.company_answer = '${Answer.ACCEPTED}'))::int AS accepted,
              ${reasons.join(', ')}, count(p.company_answered_at)::int AS answered,
              extract(epoch FROM sum(p.company_answered_at - p.created_at))::float8 AS seconds
         FROM ${DECISIONS} p ${joins.join(' ')} LEFT JOIN (${groups}) g ON g.student_id = p.student_id
        WHERE ${where.join(' AND ')}
        GROUP BY g.grp, p.company_id`,
      params.values,
    );
  }

  /** JIT compilation costs more than it saves on these aggregates. */
  private withoutJit<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.transactions.run(async () => {
      await this.transactions.manager.query('SET LOCAL jit = off');
      return this.transactions.manager.query<T[]>(sql, params);
    });
  }
}
