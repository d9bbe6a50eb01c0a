import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { type OrganizationType } from '../../common/auth/roles';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { keysetCondition, orderingOf, orderItems, pageRequest, SortDirection, toConnection } from '../../common/graphql/pagination';
import { addDays } from '../../common/calendar';
import { assertReportPeriod } from '../../common/validation/report-period';
import { Environment } from '../../config/environment';
import { SqlParams } from '../../database/sql-params';
import { requireProvince } from '../postcodes/postcodes.service';
import { Clock } from '../../common/clock/clock';
import { Transactions } from '../../database/transactions';
import { DUTCH_TIME_ZONE } from '../../common/clock/clock';
import { HOLDS_SEAT } from '../internships/seats';
import { unplaced } from './unplaced-students.reads';
import { StudentEntity } from '../students/student.entity';
import { type DashboardFilter, type StudentsWithoutPlacementArgs, type TerminationsFilter, UnplacedStudentOrderField } from './dto/dashboards.input';
import type {
  PlaceSupplyFiguresModel,
  PlaceSupplyReportModel,
  PlaceSupplyRowModel,
  StudentsWithoutPlacementReportModel,
  TerminationsReportModel,
  UnplacedStudentRow,
} from './models/dashboards.model';

/** Whose figures a report holds: a school sees only its own students; SBB and the operator everyone. */
export interface ReportScope {
  schoolId?: string;
}

/**
 * The SBB and school dashboards (issue #7): places versus students, students without a placement
 * before their BPV start, terminations and rematch times. Every figure is a SQL aggregate; each
 * method returns plain rows (the GraphQL models' shapes), so an export can reuse it.
 */
@Injectable()
export class DashboardReports {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly env: Environment,
  ) {}

  private get db() {
    return this.transactions.manager;
  }

  /** The "enough places" pillar per crebo × province; see the `placeSupply` query for the definitions. */
  async placeSupply(given: DashboardFilter | null = {}, scope: ReportScope = {}, asOf = this.clock.today()): Promise<PlaceSupplyReportModel> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    await requireProvince(this.db, filter.region, 'filter.region');
    const p = new SqlParams();
    const today = p.add(asOf);
    const placementWhere = [`p.status = 'PUBLISHED'`, `p.end_date >= ${today}::date`];
    const studentWhere = [unplaced(today)];
    let creboOfRow = '';
    if (filter.crebo) {
      const crebo = p.add(filter.crebo);
      creboOfRow = `WHERE c.crebo = ${crebo}`;
      placementWhere.push(`p.crebos @> ARRAY[${crebo}]::text[]`);
      studentWhere.push(`s.crebo = ${crebo}`);
    }
    if (filter.region) {
      const region = p.add(filter.region);
      placementWhere.push(`pc.province = ${region}`);
      studentWhere.push(`pc.province = ${region}`);
    }
    if (filter.sector) {
      // A student has no sector: her crebo belongs to a sector when a company of that sector is (or was) accredited for it.
      const sector = p.add(filter.sector);
      placementWhere.push(`o.sector = ${sector}`);
      studentWhere.push(`s.crebo IN (SELECT a.crebo FROM accreditations a JOIN organizations ao ON ao.id = a.company_id WHERE ao.sector = ${sector})`);
    }
    if (scope.schoolId) studentWhere.push(`s.school_id = ${p.add(scope.schoolId)}`);
    const base = `WITH open_placements AS (
        SELECT p.id, p.crebos, pc.province AS region,
               greatest(p.capacity - (SELECT count(*) FROM internships i WHERE i.placement_id = p.id AND i.status IN ${HOLDS_SEAT}), 0)::int AS open_seats
          FROM placements p JOIN branches b ON b.id = p.branch_id JOIN postcodes pc ON pc.pc4 = b.pc4 JOIN organizations o ON o.id = p.company_id
         WHERE ${placementWhere.join(' AND ')}),
      unplaced AS (
        SELECT s.crebo::text AS crebo, pc.province AS region
          FROM students s JOIN postcodes pc ON pc.pc4 = s.home_postcode
         WHERE ${studentWhere.join(' AND ')})`;
    const [rows, [totals]] = await Promise.all([
      this.db.query<{ crebo: string; region: string; open_seats: number; placements: number; students: number }[]>(
        `${base},
         seats AS (
           SELECT c.crebo, op.region, sum(op.open_seats)::int AS open_seats, count(*)::int AS placements
             FROM open_placements op CROSS JOIN LATERAL unnest(op.crebos) AS c(crebo) ${creboOfRow} GROUP BY 1, 2),
         demand AS (SELECT crebo, region, count(*)::int AS students FROM unplaced GROUP BY 1, 2)
         SELECT coalesce(seats.crebo, demand.crebo) AS crebo, coalesce(seats.region, demand.region) AS region,
                coalesce(seats.open_seats, 0) AS open_seats, coalesce(seats.placements, 0) AS placements, coalesce(demand.students, 0) AS students
           FROM seats FULL JOIN demand ON demand.crebo = seats.crebo AND demand.region = seats.region
          ORDER BY greatest(coalesce(demand.students, 0) - coalesce(seats.open_seats, 0), 0) DESC,
                   coalesce(seats.open_seats, 0)::float / nullif(demand.students, 0) ASC NULLS LAST, 1, 2`,
        p.values,
      ),
      this.db.query<{ open_seats: number; placements: number; students: number }[]>(
        `${base}
         SELECT (SELECT coalesce(sum(open_seats), 0)::int FROM open_placements) AS open_seats,
                (SELECT count(*)::int FROM open_placements) AS placements, (SELECT count(*)::int FROM unplaced) AS students`,
        p.values,
      ),
    ]);
    const figures = (openSeats: number, placements: number, students: number): PlaceSupplyFiguresModel => ({
      openSeats,
      placements,
      studentsWithoutPlacement: students,
      seatsPerStudent: students ? openSeats / students : null,
      shortfall: Math.max(students - openSeats, 0),
    });
    const supplyRows: PlaceSupplyRowModel[] = rows.map((row) => ({ crebo: row.crebo, region: row.region, ...figures(row.open_seats, row.placements, row.students) }));
    return {
      asOf,
      ownStudentsOnly: Boolean(scope.schoolId),
      rows: supplyRows,
      // The shortfall adds up per crebo and province: seats elsewhere do not help a student here.
      totals: { ...figures(totals.open_seats, totals.placements, totals.students), shortfall: supplyRows.reduce((sum, row) => sum + row.shortfall, 0) },
    };
  }

  /**
   * Students without a placement whose BPV start (`available_from`) is at most `weeks` ahead or has
   * passed. With a school scope the page of students is included; without one (SBB), counts only.
   */
  async studentsWithoutPlacement(scope: ReportScope, args: StudentsWithoutPlacementArgs = {}, asOf = this.clock.today()): Promise<StudentsWithoutPlacementReportModel> {
    const weeks = args.weeks ?? this.env.UNPLACED_ALERT_WEEKS;
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw BadUserInputError.field('weeks', 'weeks must be between 1 and 52');
    const p = new SqlParams();
    const today = p.add(asOf);
    const horizon = p.add(weeks * 7);
    const where = [unplaced(today), `s.available_from <= ${today}::date + ${horizon}::int`];
    if (scope.schoolId) where.push(`s.school_id = ${p.add(scope.schoolId)}`);
    const due = `WITH due AS (
        SELECT s.id, s.school_id, s.crebo::text AS crebo, pc.province AS region, s.available_from AS start_date
          FROM students s JOIN postcodes pc ON pc.pc4 = s.home_postcode WHERE ${where.join(' AND ')})`;
    // One scan, four groupings: GROUPING() tells them apart (bits: school 4, crebo 2, region 1).
    const groups = await this.db.query<{ g: number; school_id: string | null; school: string | null; crebo: string | null; region: string | null; students: number; started: number }[]>(
      `${due}, grouped AS (
         SELECT GROUPING(school_id, crebo, region)::int AS g, school_id, crebo, region,
                count(*)::int AS students, count(*) FILTER (WHERE start_date < ${today}::date)::int AS started
           FROM due GROUP BY GROUPING SETS ((), (school_id), (crebo), (region)))
       SELECT grouped.*, o.name AS school FROM grouped LEFT JOIN organizations o ON o.id = grouped.school_id
        ORDER BY students DESC, school, crebo, region`,
      p.values,
    );
    const total = groups.find((row) => row.g === 7);
    const report: StudentsWithoutPlacementReportModel = {
      weeks,
      asOf,
      horizon: addDays(asOf, weeks * 7),
      total: total?.students ?? 0,
      alreadyStarted: total?.started ?? 0,
      bySchool: groups.filter((row) => row.g === 3).map((row) => ({ schoolId: row.school_id!, school: row.school ?? '', students: row.students })),
      byCrebo: groups.filter((row) => row.g === 5).map((row) => ({ crebo: row.crebo!, students: row.students })),
      byRegion: groups.filter((row) => row.g === 6).map((row) => ({ region: row.region!, students: row.students })),
      students: null,
    };
    if (scope.schoolId) {
      const ordering = orderingOf({ START_DATE: 'start_date', CREBO: 'crebo', REGION: 'region' }, 'id', args.orderBy, {
        field: UnplacedStudentOrderField.START_DATE,
        direction: SortDirection.ASC,
      });
      const request = pageRequest(args, ordering);
      const conditions = (['after', 'before'] as const).flatMap((side) => (request[side] ? [keysetCondition(ordering, request[side], side, (value) => p.add(value))] : []));
      const order = orderItems(ordering, request).map((item) => `${item.sql} ${item.direction}`).join(', ');
      const page = await this.db.query<{ id: string; crebo: string; region: string; start_date: string; days_left: number; keys: string[] }[]>(
        `${due} SELECT id, crebo, region, start_date::text AS start_date, (start_date - ${today}::date)::int AS days_left,
                       ARRAY[${ordering.keys.map((key) => `(${key.sql})::text`).join(', ')}] AS keys
                  FROM due ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${p.add(request.limit + 1)}`,
        p.values,
      );
      const keysOf = new Map(page.map((row) => [row.id, row.keys]));
      const students = new Map((await this.db.getRepository(StudentEntity).findBy({ id: In(page.map((row) => row.id)) })).map((s) => [s.id, s]));
      const rows: UnplacedStudentRow[] = page.map((row) => ({
        studentId: row.id,
        student: students.get(row.id)!,
        crebo: row.crebo,
        region: row.region,
        startDate: row.start_date,
        daysLeft: row.days_left,
      }));
      report.students = toConnection(rows, (row) => keysOf.get(row.studentId)!, ordering, request, report.total);
    }
    return report;
  }

  /**
   * Terminated internships whose termination (Dutch) date falls in the period, and how long their
   * students waited for a next internship (the first one created after the termination).
   */
  async terminationsReport(filter: TerminationsFilter, scope: ReportScope = {}, asOf = this.clock.today()): Promise<TerminationsReportModel> {
    assertReportPeriod(filter.from, filter.to, 'filter.to');
    await requireProvince(this.db, filter.region, 'filter.region');
    const p = new SqlParams();
    const zone = p.add(DUTCH_TIME_ZONE);
    const today = p.add(asOf);
    const where = [`i.status = 'TERMINATED'`, `(i.ended_at AT TIME ZONE ${zone})::date BETWEEN ${p.add(filter.from)}::date AND ${p.add(filter.to)}::date`];
    const joins: string[] = [];
    if (scope.schoolId) where.push(`i.school_id = ${p.add(scope.schoolId)}`);
    if (filter.crebo) where.push(`s.crebo = ${p.add(filter.crebo)}`);
    if (filter.region) {
      joins.push(
        'LEFT JOIN placements p ON p.id = i.placement_id LEFT JOIN internship_registrations r ON r.id = i.registration_id JOIN branches b ON b.id = COALESCE(p.branch_id, r.branch_id) JOIN postcodes pc ON pc.pc4 = b.pc4',
      );
      where.push(`pc.province = ${p.add(filter.region)}`);
    }
    if (filter.sector) {
      joins.push('JOIN organizations co ON co.id = i.company_id');
      where.push(`co.sector = ${p.add(filter.sector)}`);
    }
    const base = `WITH terminated AS (
        SELECT i.id, i.student_id, i.ended_at, (i.ended_at AT TIME ZONE ${zone})::date AS ended_on, coalesce(i.termination_code::text, btrim(coalesce(i.termination_reason, ''))) AS reason,
               i.terminated_by_organization_id, s.crebo::text AS crebo, s.archived_at, ${today}::date AS as_of
          FROM internships i JOIN students s ON s.id = i.student_id ${joins.join(' ')}
         WHERE ${where.join(' AND ')})`;
    const query = <T>(sql: string) => this.db.query<T[]>(`${base} ${sql}`, p.values);
    const [[summary], byReason, byParty, byCrebo] = await Promise.all([
      query<{ terminated: number; rematched: number; median_days: number | null; mean_days: number | null; still_waiting: number; longest_wait: number | null; left: number }>(
        `, rematch AS (
           SELECT t.ended_on, t.archived_at, t.as_of, next.created_at AS next_at, (next.created_at AT TIME ZONE ${zone})::date - t.ended_on AS days
             FROM terminated t LEFT JOIN LATERAL (
                    SELECT n.created_at FROM internships n WHERE n.student_id = t.student_id AND n.id <> t.id AND n.created_at > t.ended_at
                     ORDER BY n.created_at LIMIT 1) next ON true)
         SELECT count(*)::int AS terminated, count(next_at)::int AS rematched,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days, avg(days)::float AS mean_days,
                count(*) FILTER (WHERE next_at IS NULL AND archived_at IS NULL)::int AS still_waiting,
                max(as_of - ended_on) FILTER (WHERE next_at IS NULL AND archived_at IS NULL) AS longest_wait,
                count(*) FILTER (WHERE next_at IS NULL AND archived_at IS NOT NULL)::int AS left
           FROM rematch`,
      ),
      query<{ reason: string; internships: number }>('SELECT reason, count(*)::int AS internships FROM terminated GROUP BY 1 ORDER BY 2 DESC, 1'),
      query<{ terminated_by: OrganizationType | null; internships: number }>(
        `SELECT o.type AS terminated_by, count(*)::int AS internships
           FROM terminated t LEFT JOIN organizations o ON o.id = t.terminated_by_organization_id GROUP BY 1 ORDER BY 2 DESC, 1`,
      ),
      query<{ crebo: string; internships: number }>('SELECT crebo, count(*)::int AS internships FROM terminated GROUP BY 1 ORDER BY 2 DESC, 1'),
    ]);
    return {
      from: filter.from,
      to: filter.to,
      terminated: summary.terminated,
      byReason,
      byParty: byParty.map((row) => ({ terminatedBy: row.terminated_by, internships: row.internships })),
      byCrebo,
      rematch: {
        rematched: summary.rematched,
        medianDays: summary.median_days,
        meanDays: summary.mean_days,
        stillWaiting: summary.still_waiting,
        longestWaitDays: summary.longest_wait,
        leftWithoutRematch: summary.left,
      },
    };
  }
}
