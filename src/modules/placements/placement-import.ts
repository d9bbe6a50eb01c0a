import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { DomainError, ForbiddenError } from '../../common/errors/domain-errors';
import { emptyReport, ImportRejected, type ImportReport, type ImportRowError } from '../../common/spreadsheets/import-report';
import type { ReadTable } from '../../common/spreadsheets/spreadsheet';
import { Transactions } from '../../database/transactions';
import { CreatePlacementInput } from './dto/placement.input';
import { ComplianceRejection } from './models/compliance-rejection.model';
import type { PlacementEntity } from './placement.entity';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';

/**
 * The columns of a placement file (headers compared case-, space- and dash-insensitively; lists
 * separated by `|`): `reference` is the company's own key (what a re-import upserts by); `trainerId`
 * is optional, as for `createPlacement`.
 */
export const PLACEMENT_COLUMNS = [
  'reference', 'branchId', 'trainerId', 'title', 'description', 'crebos', 'level', 'leerweg', 'werkprocessen', 'startDate', 'endDate',
  'daysPerWeek', 'hoursPerWeek', 'capacity', 'stipendMonthlyCents', 'expenseAllowanceCents',
] as const;
const REQUIRED = PLACEMENT_COLUMNS.filter((column) => column !== 'trainerId' && column !== 'werkprocessen');
const REFERENCE = /^[A-Za-z0-9._\/-]{1,60}$/;
const INTEGERS = new Set(['level', 'daysPerWeek', 'hoursPerWeek', 'capacity', 'stipendMonthlyCents', 'expenseAllowanceCents']);
const COMPARED = ['branchId', 'trainerId', 'title', 'description', 'crebos', 'level', 'leerweg', 'werkprocessen', 'startDate', 'endDate', 'daysPerWeek', 'hoursPerWeek', 'capacity', 'stipendMonthlyCents', 'expenseAllowanceCents'] as const;

/** Rolls a dry run back after it did everything a real run does. */
class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * A company's bulk import of placements (issue #18), as drafts: each row goes through the same
 * `createPlacement`/`updatePlacement` as the API (its own branch and trainer, the dates, R4 against
 * the register, the compliance verdict stored), upserting by the company's `reference`; publishing
 * stays a step of its own through the compliance check. A dry run does all of it and rolls back; a
 * real run with any row error rolls back too (all rows or none); a row equal to its placement is left
 * alone, so the same file twice changes nothing.
 */
@Injectable()
export class PlacementImports {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly placements: PlacementsRepository,
    private readonly service: PlacementsService,
  ) {}

  async run(actor: Actor, table: ReadTable, dryRun: boolean): Promise<ImportReport> {
    if (actor.organizationType !== OrganizationType.COMPANY) throw new ForbiddenError('Only a company imports placements');
    const report = emptyReport(dryRun, table.rows.length);
    const missing = REQUIRED.filter((column) => !table.headers.includes(column.toLowerCase()));
    if (missing.length) {
      report.errors.push(...missing.map((column) => ({ row: 1, column, rule: 'REQUIRED_COLUMN', message: `the file has no ${column} column` })));
      return report;
    }
    // Rows with errors of their own are left out of the writes, so a dry run reports the others' too.
    const rows = await this.parse(table, report.errors);
    try {
      return await this.transactions.run(async () => {
        const outcome: ImportReport = { ...report, errors: [...report.errors] };
        const existing = await this.placements.byReferences(actor.organizationId, rows.map((r) => r.reference));
        const changed: string[] = [];
        for (const { row, reference, input } of rows) {
          const stored = existing.get(reference);
          if (stored && same(stored, input)) {
            outcome.unchanged += 1;
            continue;
          }
          try {
            if (stored) {
              const { branchId: _, ...changes } = input;
              const result = await this.service.update(actor, stored.id, changes);
              if (result instanceof ComplianceRejection) {
                outcome.errors.push({ row, column: 'reference', rule: result.rules.join(',') || 'COMPLIANCE', message: result.message });
                continue;
              }
              outcome.updated += 1;
            } else {
              const created = await this.service.create(actor, input, { reference });
              changed.push(created.id);
              outcome.created += 1;
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            const fields = error.fields.length ? error.fields : [{ path: 'reference', message: error.message, rule: error.code }];
            outcome.errors.push(...fields.map((field) => ({ row, column: field.path.replace(/^input\./, '').split('.')[0], rule: field.rule ?? error.code, message: field.message })));
          }
        }
        if (outcome.errors.length) throw new ImportRejected(sorted(outcome));
        if (dryRun) throw new DryRunDone(sorted(outcome));
        if (outcome.created + outcome.updated) {
          await this.audit.record(actor, { action: 'placements.imported', entityType: 'placement_import', entityId: actor.organizationId, after: { rows: report.rows, created: changed, updated: outcome.updated, unchanged: outcome.unchanged } });
        }
        return sorted(outcome);
      });
    } catch (error) {
      if (error instanceof ImportRejected || error instanceof DryRunDone) return error.report;
      throw error;
    }
  }

  /** Each row as a `CreatePlacementInput`, validated as the API validates it. */
  private async parse(table: ReadTable, errors: ImportRowError[]): Promise<{ row: number; reference: string; input: CreatePlacementInput }[]> {
    const parsed = [];
    const references = new Map<string, number>();
    for (const { row, values } of table.rows) {
      const value = (column: string) => values[column.toLowerCase()] ?? '';
      const before = errors.length;
      const reference = value('reference');
      if (!REFERENCE.test(reference)) errors.push({ row, column: 'reference', rule: 'REFERENCE', message: 'reference must be 1–60 letters, digits, ".", "_", "/" or "-"' });
      else if (references.has(reference)) errors.push({ row, column: 'reference', rule: 'REFERENCE_UNIQUE', message: `reference ${reference} is in the file twice (row ${references.get(reference)})` });
      else references.set(reference, row);
      const plain: Record<string, unknown> = {};
      for (const column of PLACEMENT_COLUMNS) {
        if (column === 'reference') continue;
        const text = value(column);
        if (column === 'crebos' || column === 'werkprocessen') plain[column] = text.split('|').map((item) => item.trim()).filter(Boolean);
        else if (column === 'trainerId') plain[column] = text || null;
        else if (INTEGERS.has(column)) plain[column] = /^-?\d+$/.test(text) ? Number(text) : text;
        else if (column === 'leerweg') plain[column] = text.toUpperCase();
        else plain[column] = text;
      }
      const input = plainToInstance(CreatePlacementInput, plain);
      const problems = flatten(await validate(input, { forbidUnknownValues: false }));
      for (const column of ['startDate', 'endDate'] as const) {
        if (!problems.some((p) => p.column === column) && !isCalendarDate(input[column])) problems.push({ column, rule: 'DATE', message: `${column} must be a date written YYYY-MM-DD` });
      }
      errors.push(...problems.map((p) => ({ row, ...p })));
      if (errors.length === before) parsed.push({ row, reference, input });
    }
    return parsed;
  }
}

/** A real calendar day (the GraphQL LocalDate scalar refuses 2027-02-30 too). */
const isCalendarDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

function flatten(errors: ValidationError[], column?: string): Omit<ImportRowError, 'row'>[] {
  return errors.flatMap((error) => {
    const at = column ?? error.property;
    const rule = Object.values(error.contexts ?? {}).map((c) => (c as { rule?: string }).rule).find(Boolean) ?? 'FORMAT';
    return [...Object.values(error.constraints ?? {}).map((message) => ({ column: at, rule, message })), ...flatten(error.children ?? [], at)];
  });
}

function same(stored: PlacementEntity, input: CreatePlacementInput): boolean {
  return COMPARED.every((key) => JSON.stringify(stored[key] ?? null) === JSON.stringify((input as unknown as Record<string, unknown>)[key] ?? null));
}

function sorted(report: ImportReport): ImportReport {
  const order = (a: ImportRowError, b: ImportRowError) => a.row - b.row;
  return { ...report, errors: [...report.errors].sort(order), warnings: [...report.warnings].sort(order) };
}
