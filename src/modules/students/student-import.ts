import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { ForbiddenError } from '../../common/errors/domain-errors';
import { Leerweg } from '../../common/qualification';
import { emptyReport, type ImportReport, type ImportRowError } from '../../common/spreadsheets/import-report';
import type { ReadTable } from '../../common/spreadsheets/spreadsheet';
import { Transactions } from '../../database/transactions';
import { PostcodesService } from '../postcodes/postcodes.service';
import { QualificationsService } from '../qualifications/qualifications.service';
import { comparableName, implausibleAge } from './door-checks';
import { STUDENT_NUMBER } from './dto/student.input';
import { type ImportedStudent, StudentsRepository } from './students.repository';

/**
 * The columns of a student file (headers compared case-, space- and dash-insensitively; `werkprocessen`
 * separated by `|`). Required: all but phone, werkprocessen and accessibilityNeeds.
 */
export const STUDENT_COLUMNS = [
  'studentNumber', 'fullName', 'dateOfBirth', 'email', 'phone', 'crebo', 'level', 'leerweg', 'cohort', 'learningWish',
  'werkprocessen', 'homePostcode', 'radiusKm', 'availableFrom', 'availableUntil', 'daysPerWeek', 'hoursPerWeek', 'accessibilityNeeds',
] as const;
const OPTIONAL = new Set(['phone', 'werkprocessen', 'accessibilityNeeds']);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,32}$/;
const isDate = (text: string) => DATE.test(text) && !Number.isNaN(Date.parse(text)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/** One row as it would be stored. */
type Candidate = ImportedStudent & { row: number };
/** A row read, and the columns that failed their checks. */
type Parsed = { candidate: Candidate; failed: Set<string> };

/**
 * A school's bulk import of students (issue #18) from CSV or XLSX, upserting by its own student
 * number. Every row is checked at the door (shape, PC4 postcode, plausible MBO age, R4 against the
 * register) before anything is written; a dry run returns every row's errors and writes nothing;
 * a real run writes all rows or, with any error, none (one transaction); a row equal to what is
 * stored is left alone, so importing the same file twice changes nothing. Probable duplicates (same
 * name and date of birth, another student number) are reported as warnings. One audit row per run.
 */
@Injectable()
export class StudentImports {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly students: StudentsRepository,
    private readonly postcodes: PostcodesService,
    private readonly qualifications: QualificationsService,
  ) {}

  async run(actor: Actor, table: ReadTable, dryRun: boolean): Promise<ImportReport> {
    if (actor.organizationType !== OrganizationType.SCHOOL) throw new ForbiddenError('Only a school imports students');
    const report = emptyReport(dryRun, table.rows.length);
    const missing = STUDENT_COLUMNS.filter((column) => !OPTIONAL.has(column) && !table.headers.includes(column.toLowerCase()));
    if (missing.length) {
      report.errors.push(...missing.map((column) => ({ row: 1, column, rule: 'REQUIRED_COLUMN', message: `the file has no ${column} column` })));
      return report;
    }
    const parsed = this.parse(table, report.errors);
    await this.checkAgainstStored(actor.organizationId, parsed, report);
    if (report.errors.length) return sorted(report);
    const candidates = parsed.map((p) => p.candidate);
    return this.transactions.run(async () => {
        const existing = await this.students.importedOfSchool(actor.organizationId, candidates.map((c) => c.studentNumber));
        const created: Candidate[] = [];
        const updated: (Candidate & { id: string })[] = [];
        for (const candidate of candidates) {
          const stored = existing.get(candidate.studentNumber);
          if (!stored) created.push(candidate);
          else if (!sameStudent(stored, candidate)) updated.push({ ...candidate, id: stored.id });
        }
        const outcome = { ...report, created: created.length, updated: updated.length, unchanged: candidates.length - created.length - updated.length };
        if (dryRun || !(created.length + updated.length)) return sorted(outcome);
        const createdIds = await this.students.insertImported(actor.organizationId, created);
        await this.students.updateImported(updated);
        await this.audit.record(actor, {
          action: 'students.imported',
          entityType: 'student_import',
          entityId: actor.organizationId,
          after: { rows: report.rows, created: createdIds, updated: updated.map((u) => u.id), unchanged: outcome.unchanged },
        });
        return sorted(outcome);
    });
  }

  /**
   * Each row's shape, field by field, every problem named. Answers every row as a candidate with
   * the columns that failed, so the database checks still look at a row's other columns.
   */
  private parse(table: ReadTable, errors: ImportRowError[]): Parsed[] {
    const candidates: Parsed[] = [];
    const numbers = new Map<string, number>();
    for (const { row, values } of table.rows) {
      const before = errors.length;
      const error = (column: string, rule: string, message: string) => errors.push({ row, column, rule, message });
      const value = (column: string) => values[column.toLowerCase()] ?? '';
      const text = (column: string, max: number, required = true) => {
        const v = value(column);
        if (required && !v) error(column, 'REQUIRED', `${column} is required`);
        else if (v.length > max) error(column, 'LENGTH', `${column} must be at most ${max} characters`);
        return v;
      };
      const int = (column: string, min: number, max: number, rule = 'RANGE') => {
        const v = value(column);
        const n = Number(v);
        if (!/^-?\d+$/.test(v) || n < min || n > max) error(column, rule, `${column} must be a whole number from ${min} to ${max}`);
        return n;
      };
      const date = (column: string) => {
        const v = value(column);
        if (!isDate(v)) error(column, 'DATE', `${column} must be a date written YYYY-MM-DD`);
        return v;
      };
      const studentNumber = value('studentNumber');
      if (!STUDENT_NUMBER.test(studentNumber)) error('studentNumber', 'STUDENT_NUMBER', 'studentNumber must be 1–30 letters, digits, ".", "_" or "-"');
      else if (numbers.has(studentNumber)) error('studentNumber', 'STUDENT_NUMBER_UNIQUE', `student number ${studentNumber} is in the file twice (row ${numbers.get(studentNumber)})`);
      else numbers.set(studentNumber, row);
      const fullName = text('fullName', 200);
      const dateOfBirth = date('dateOfBirth');
      const email = value('email');
      if (!EMAIL.test(email) || email.length > 254) error('email', 'EMAIL', 'email must be an e-mail address');
      const phone = value('phone');
      if (phone && !PHONE.test(phone)) error('phone', 'PHONE', 'phone must be a phone number');
      const crebo = value('crebo');
      if (!/^\d{5}$/.test(crebo)) error('crebo', 'R4', 'crebo must be exactly 5 digits (R4)');
      const level = int('level', 1, 4, 'R4');
      const leerweg = value('leerweg').toUpperCase();
      if (!(leerweg in Leerweg)) error('leerweg', 'R4', 'leerweg must be BOL or BBL (R4)');
      const cohort = int('cohort', 2000, 2100);
      const learningWish = text('learningWish', 2000);
      const werkprocessen = value('werkprocessen').split('|').map((w) => w.trim()).filter(Boolean);
      if (werkprocessen.length > 50) error('werkprocessen', 'LENGTH', 'at most 50 werkprocessen');
      if (werkprocessen.some((w) => w.length > 120)) error('werkprocessen', 'LENGTH', 'each werkproces must be at most 120 characters');
      const homePostcode = value('homePostcode');
      if (!/^[1-9]\d{3}$/.test(homePostcode)) error('homePostcode', 'PC4', 'homePostcode must be a 4-digit Dutch postcode (PC4)');
      const radiusKm = int('radiusKm', 1, 200);
      const availableFrom = date('availableFrom');
      const availableUntil = date('availableUntil');
      if (errors.length === before && availableUntil < availableFrom) error('availableUntil', 'PERIOD', 'availableUntil must not be before availableFrom');
      const daysPerWeek = int('daysPerWeek', 1, 5);
      const hoursPerWeek = int('hoursPerWeek', 1, 60);
      const accessibilityNeeds = text('accessibilityNeeds', 1000, false);
      if (isDate(dateOfBirth) && isDate(availableFrom)) {
        const age = implausibleAge(dateOfBirth, availableFrom);
        if (age) error('dateOfBirth', 'MBO_AGE', age);
      }
      const failed = new Set(errors.slice(before).map((e) => e.column));
      candidates.push({ failed, candidate: {
        row, studentNumber, fullName, dateOfBirth, email, phone: phone || null, crebo, level, leerweg: leerweg as Leerweg, cohort, learningWish,
        werkprocessen, homePostcode, radiusKm, availableFrom, availableUntil, daysPerWeek, hoursPerWeek, accessibilityNeeds: accessibilityNeeds || null,
      } });
    }
    return candidates;
  }

  /** The checks that read the database, one statement each for the whole file: PC4, the register (R4), duplicates. */
  private async checkAgainstStored(schoolId: string, parsed: Parsed[], report: ImportReport): Promise<void> {
    const withPostcode = parsed.filter((p) => !p.failed.has('homePostcode')).map((p) => p.candidate);
    const postcodes = await this.postcodes.existing(withPostcode.map((c) => c.homePostcode));
    for (const c of withPostcode) {
      if (!postcodes.has(c.homePostcode)) report.errors.push({ row: c.row, column: 'homePostcode', rule: 'PC4', message: `postcode ${c.homePostcode} does not exist` });
    }
    const problems = await this.qualifications.problemsOf(
      parsed.filter((p) => !['crebo', 'availableFrom', 'werkprocessen'].some((column) => p.failed.has(column))).map((p) => p.candidate).map((c) => ({ crebo: c.crebo, date: c.availableFrom, werkprocessen: c.werkprocessen, creboField: `${c.row}:crebo`, werkprocessenField: `${c.row}:werkprocessen` })),
    );
    for (const problem of problems) {
      const [row, column] = problem.path.split(':');
      report.errors.push({ row: Number(row), column: column.split('.')[0], rule: 'R4', message: problem.message });
    }
    // Probable duplicates: the same name and date of birth under another student number, in the file or at the school.
    const candidates = parsed.filter((p) => !['fullName', 'dateOfBirth', 'studentNumber'].some((column) => p.failed.has(column))).map((p) => p.candidate);
    const seen = new Map<string, Candidate>();
    for (const c of candidates) {
      const key = `${comparableName(c.fullName)}/${c.dateOfBirth}`;
      const first = seen.get(key);
      if (first) report.warnings.push({ row: c.row, column: 'fullName', rule: 'PROBABLE_DUPLICATE', message: `same name and date of birth as row ${first.row} (student number ${first.studentNumber})` });
      else seen.set(key, c);
    }
    const stored = await this.students.probableDuplicates(schoolId, candidates);
    for (const { index, studentNumber } of stored) {
      const c = candidates[index - 1];
      if (studentNumber !== c.studentNumber) {
        report.warnings.push({ row: c.row, column: 'fullName', rule: 'PROBABLE_DUPLICATE', message: `your school has a student with the same name and date of birth${studentNumber ? ` (student number ${studentNumber})` : ''}` });
      }
    }
  }
}

function sameStudent(stored: ImportedStudent, candidate: ImportedStudent): boolean {
  return (Object.keys(candidate).filter((key) => key !== 'row') as (keyof ImportedStudent)[]).every((key) => JSON.stringify(stored[key]) === JSON.stringify(candidate[key]));
}

function sorted(report: ImportReport): ImportReport {
  const order = (a: ImportRowError, b: ImportRowError) => a.row - b.row;
  return { ...report, errors: [...report.errors].sort(order), warnings: [...report.warnings].sort(order) };
}
