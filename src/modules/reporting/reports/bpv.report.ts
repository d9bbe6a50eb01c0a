import { Injectable } from '@nestjs/common';
import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { type Actor, OrganizationType } from '../../../common/auth/roles';
import { Transactions } from '../../../database/transactions';
import { Exportable, type ExportableReportDefinition, type ReportTable } from '../exportable-report';

@InputType({ description: 'Which BPV records a school exports: those running in a school year, or all' })
export class BpvExportFilter {
  @Field(() => Int, { nullable: true, description: 'The school year by its first calendar year (2026 = 1 August 2026 to 31 July 2027); none: every year' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear?: number;
}

/**
 * The columns of the BPV export, in order (README "BPV export"): one row per BPV (internship) of
 * the school's students, in the shape a school reports its BPV to DUO with. Terms are the latest
 * praktijkovereenkomst's (R8), the student's own where no POK exists yet.
 */
export const BPV_COLUMNS = [
  'studentnummer', // the school's student number (empty for a student made before numbers)
  'crebo',
  'leerweg', // BOL or BBL
  'niveau',
  'leerbedrijf', // the company's name
  'kvk_nummer',
  'vestiging', // the branch (vestiging) the BPV is at
  'vestiging_plaats',
  'startdatum', // YYYY-MM-DD
  'einddatum', // the agreed end, YYYY-MM-DD
  'werkelijke_einddatum', // when it ended (completed or terminated), else empty
  'uren_per_week',
  'uren_totaal', // the POK's total BPV hours
  'status', // PLANNED, ACTIVE, COMPLETED or TERMINATED
  'pok_status', // PENDING, SIGNED (none: no POK yet)
] as const;

/** A school's BPV records (issue #18): what it reports to DUO. Only for the school itself. */
@Injectable()
@Exportable({
  name: 'BPV',
  audience: [OrganizationType.SCHOOL],
  input: { field: 'bpv', decorators: [Field(() => BpvExportFilter, { nullable: true, description: 'For BPV (a school only): the school year' }), IsOptional(), ValidateNested(), Type(() => BpvExportFilter)] },
})
export class BpvReport implements ExportableReportDefinition<BpvExportFilter> {
  constructor(private readonly transactions: Transactions) {}

  async table(actor: Actor, filter?: BpvExportFilter): Promise<ReportTable> {
    const year = filter?.schoolYear;
    const rows = await this.transactions.manager.query<Record<string, string | number | null>[]>(
      `SELECT s.student_number, coalesce(pok.terms ->> 'crebo', s.crebo) AS crebo, coalesce(pok.terms ->> 'leerweg', s.leerweg::text) AS leerweg,
              coalesce((pok.terms ->> 'level')::int, s.level) AS niveau, o.name AS leerbedrijf, o.kvk_number, b.name AS vestiging, b.city,
              to_char(i.start_date, 'YYYY-MM-DD') AS startdatum, to_char(i.end_date, 'YYYY-MM-DD') AS einddatum,
              to_char(i.ended_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS werkelijke_einddatum,
              (pok.terms ->> 'hoursPerWeek')::int AS uren_per_week, (pok.terms ->> 'totalHours')::int AS uren_totaal, i.status, pok.status AS pok_status
         FROM internships i
         JOIN students s ON s.id = i.student_id
         JOIN organizations o ON o.id = i.company_id
         LEFT JOIN placements p ON p.id = i.placement_id
         LEFT JOIN internship_registrations r ON r.id = i.registration_id
         LEFT JOIN branches b ON b.id = coalesce(p.branch_id, r.branch_id)
         LEFT JOIN LATERAL (SELECT terms, status FROM poks WHERE internship_id = i.id ORDER BY version DESC LIMIT 1) pok ON true
        WHERE i.school_id = $1
          AND ($2::int IS NULL OR (i.start_date <= make_date($2::int + 1, 7, 31) AND i.end_date >= make_date($2::int, 8, 1)))
        ORDER BY s.student_number NULLS LAST, i.start_date, i.id`,
      [actor.organizationId, year ?? null],
    );
    return {
      columns: [...BPV_COLUMNS],
      rows: rows.map((row) => [
        row.student_number, row.crebo, row.leerweg, row.niveau, row.leerbedrijf, row.kvk_number, row.vestiging, row.city,
        row.startdatum, row.einddatum, row.werkelijke_einddatum, row.uren_per_week, row.uren_totaal, row.status, row.pok_status,
      ]),
    };
  }
}
