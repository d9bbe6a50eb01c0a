import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, type FieldProblem, ownedOrNotFound } from '../../common/errors/domain-errors';
import { type Connection, orderingOf, paginate, SortDirection } from '../../common/graphql/pagination';
import { Leerweg } from '../../common/qualification';
import { emptyReport, ImportRejected, type ImportReport, type ImportRowError } from '../../common/spreadsheets/import-report';
import type { ReadTable } from '../../common/spreadsheets/spreadsheet';
import { Clock } from '../../common/clock/clock';
import { Transactions } from '../../database/transactions';
import { Sector } from '../organizations/sector';
import { KERNTAAK_CODE, type QualificationDossierInput, type QualificationDossiersArgs } from './dto/qualification.input';
import type { KerntaakModel, QualificationDossierModel } from './models/qualification-dossier.model';
import type { QualificationDossierEntity } from './qualification-dossier.entity';
import { QualificationsPolicy } from './qualifications.policy';
import { QualificationsRepository } from './qualifications.repository';
import { canonicalCode, multiRegisterProblems, registerProblems, WERKPROCES_CODE } from './register-check';

/** What a subject of R4 is, and where its fields are in the caller's input. */
export interface RegisterSubject {
  crebo: string;
  /** The date that matters (YYYY-MM-DD). */
  date: string;
  werkprocessen?: readonly string[];
  /** Input path of the crebo, e.g. `input.crebo` or `input.crebos.1`. */
  creboField: string;
  /** Input path of the werkprocessen list, e.g. `input.werkprocessen`. */
  werkprocessenField?: string;
}

/** The columns of a register file, one row per werkproces (headers compared case- and space-insensitively). */
export const REGISTER_COLUMNS = ['crebo', 'name', 'sector', 'levels', 'leerwegen', 'validFrom', 'validUntil', 'kerntaak', 'kerntaakTitle', 'werkproces', 'werkprocesTitle'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const listOf = (text: string) => text.split(/[\s,;|/]+/).filter(Boolean);
const overlaps = (a: { validFrom: string; validUntil?: string | null }, b: { validFrom: string; validUntil?: string | null }) =>
  a.validFrom <= (b.validUntil ?? '9999-12-31') && b.validFrom <= (a.validUntil ?? '9999-12-31');

/**
 * SBB's qualification register (R4): kwalificatiedossiers by crebo, one row per version by validity
 * period, with their kerntaken and werkprocessen. SBB maintains it (`saveQualificationDossier`, or a
 * file through POST /imports/qualifications); everyone signed in reads it; students, placements,
 * agreements and internships are checked against it at the door (`requireValid`).
 */
@Injectable()
export class QualificationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * R4 at the door: every subject's crebo is in the register and valid on its date, and each
   * werkproces written as a code belongs to that dossier; else BAD_USER_INPUT naming each field.
   */
  async requireValid(subjects: readonly RegisterSubject[]): Promise<void> {
    const problems = await this.problemsOf(subjects);
    if (problems.length) throw new BadUserInputError(problems);
  }

  /** R4 for a placement: its crebos valid on its start date, its werkproces codes from their dossiers (fields `<prefix>.crebos.<i>`, `<prefix>.werkprocessen.<i>`). */
  async requireValidPlacement(placement: { crebos: readonly string[]; startDate: string; werkprocessen?: readonly string[] }, prefix = 'input'): Promise<void> {
    const versions = await QualificationsRepository.versionsOf(this.transactions.manager, placement.crebos);
    const problems = multiRegisterProblems({ ...placement, date: placement.startDate }, (crebo) => versions.get(crebo) ?? []);
    if (problems.length) throw new BadUserInputError(problems.map((problem) => ({ path: `${prefix}.${problem.field}`, message: problem.message, rule: 'R4' })));
  }

  /** The problems of `requireValid` without throwing (one statement for all subjects). */
  async problemsOf(subjects: readonly RegisterSubject[]): Promise<FieldProblem[]> {
    if (!subjects.length) return [];
    const versions = await QualificationsRepository.versionsOf(this.transactions.manager, subjects.map((s) => s.crebo));
    return subjects.flatMap((subject) =>
      registerProblems(subject, versions.get(subject.crebo) ?? []).map((problem) => ({
        path: problem.field === 'crebo' ? subject.creboField : `${subject.werkprocessenField ?? 'werkprocessen'}${problem.field.slice('werkprocessen'.length)}`,
        message: problem.message,
        rule: 'R4',
      })),
    );
  }

  async list({ filter = {}, ...page }: QualificationDossiersArgs): Promise<Connection<QualificationDossierModel>> {
    const query = QualificationsRepository.listQuery(this.transactions.manager);
    if (filter?.crebo) query.andWhere('dossier.crebo = :crebo', { crebo: filter.crebo });
    if (filter?.sector) query.andWhere('dossier.sector = :sector', { sector: filter.sector });
    if (filter?.name) query.andWhere('dossier.name ILIKE :name', { name: `%${filter.name.replace(/[\\%_]/g, '\\$&')}%` });
    if (filter?.validOn) {
      query.andWhere('dossier.validFrom <= :validOn AND (dossier.validUntil IS NULL OR dossier.validUntil >= :validOn)', { validOn: filter.validOn });
    }
    const ordering = orderingOf({ CREBO: ['dossier.crebo', 'dossier.validFrom'] }, 'dossier.id', undefined, { field: 'CREBO', direction: SortDirection.ASC });
    const connection = await paginate(query, page, { ordering });
    const models = await this.withKerntaken(connection.edges.map((edge) => edge.node));
    return { ...connection, edges: connection.edges.map((edge, index) => ({ ...edge, node: models[index] })) };
  }

  /** The version of a crebo valid on `validOn` (default today), or null. */
  async find(crebo: string, validOn?: string): Promise<QualificationDossierModel | null> {
    const date = validOn ?? this.clock.today();
    const versions = await QualificationsRepository.versionsOfCrebo(this.transactions.manager, crebo);
    const version = versions.find((v) => v.validFrom <= date && (v.validUntil === null || v.validUntil >= date));
    return version ? (await this.withKerntaken([version]))[0] : null;
  }

  /** One dossier version by id, with its kerntaken (node(id)): the register is read by everyone signed in. */
  async findVersion(id: string): Promise<QualificationDossierModel> {
    const version = ownedOrNotFound('Qualification dossier', await QualificationsRepository.dossier(this.transactions.manager, id));
    return (await this.withKerntaken([version]))[0];
  }

  /** SBB saves one dossier version (replacing the version of that crebo and validFrom, if any). */
  async save(actor: Actor, input: QualificationDossierInput): Promise<QualificationDossierModel> {
    QualificationsPolicy.requireMaintainer(actor);
    const problems = shapeProblems(input).map((problem) => ({ ...problem, path: `input.${problem.path}` }));
    if (problems.length) throw new BadUserInputError(problems);
    return this.transactions.run(async () => {
      const outcome = await this.write(actor, input, false);
      if (outcome.overlap) throw BadUserInputError.field('input.validFrom', outcome.overlap, 'R4');
      return (await this.find(input.crebo, input.validFrom))!;
    });
  }

  /**
   * A register file (see REGISTER_COLUMNS), one row per werkproces; the rows of one crebo and
   * validFrom make one version. A dry run reports every row's errors and writes nothing; a real
   * run writes every version or, with any error, none; a file imported twice changes nothing.
   */
  async importFile(actor: Actor, table: ReadTable, dryRun: boolean): Promise<ImportReport> {
    const report = await this.importRows(actor, table, dryRun);
    return { ...report, errors: [...report.errors].sort((a, b) => a.row - b.row) };
  }

  private async importRows(actor: Actor, table: ReadTable, dryRun: boolean): Promise<ImportReport> {
    QualificationsPolicy.requireMaintainer(actor);
    const report = emptyReport(dryRun, table.rows.length);
    const missing = ['crebo', 'name', 'sector', 'levels', 'leerwegen', 'validFrom', 'kerntaak', 'werkproces'].filter((column) => !table.headers.includes(column.toLowerCase()));
    if (missing.length) {
      report.errors.push(...missing.map((column) => ({ row: 1, column, rule: 'REQUIRED_COLUMN', message: `the file has no ${column} column` })));
      return report;
    }
    const versions = new Map<string, { input: QualificationDossierInput; rows: number[] }>();
    for (const { row, values } of table.rows) {
      const value = (column: string) => values[column.toLowerCase()] ?? '';
      const error = (column: string, rule: string, message: string) => report.errors.push({ row, column, rule, message });
      const before = report.errors.length;
      const crebo = value('crebo');
      if (!/^\d{5}$/.test(crebo)) error('crebo', 'R4', 'crebo must be exactly 5 digits');
      if (!value('name')) error('name', 'REQUIRED', 'name is required');
      if (!(value('sector').toUpperCase() in Sector)) error('sector', 'SECTOR', `sector must be one of ${Object.keys(Sector).join(', ')}`);
      const levels = listOf(value('levels')).map(Number);
      if (!levels.length || levels.some((level) => ![1, 2, 3, 4].includes(level))) error('levels', 'R4', 'levels must be 1, 2, 3 or 4, separated by commas');
      const leerwegen = listOf(value('leerwegen').toUpperCase());
      if (!leerwegen.length || leerwegen.some((leerweg) => !(leerweg in Leerweg))) error('leerwegen', 'R4', 'leerwegen must be BOL and/or BBL');
      if (!DATE.test(value('validFrom'))) error('validFrom', 'DATE', 'validFrom must be a date written YYYY-MM-DD');
      if (value('validUntil') && !DATE.test(value('validUntil'))) error('validUntil', 'DATE', 'validUntil must be a date written YYYY-MM-DD');
      if (!KERNTAAK_CODE.test(value('kerntaak'))) error('kerntaak', 'R4', 'kerntaak must be a code such as B1-K1');
      if (!WERKPROCES_CODE.test(value('werkproces'))) error('werkproces', 'R4', 'werkproces must be a code such as B1-K1-W1');
      if (report.errors.length > before) continue;
      const key = `${crebo}/${value('validFrom')}`;
      const version = versions.get(key) ?? {
        input: {
          crebo,
          name: value('name'),
          sector: value('sector').toUpperCase() as Sector,
          levels: [...new Set(levels)].sort(),
          leerwegen: [...new Set(leerwegen)].sort() as Leerweg[],
          validFrom: value('validFrom'),
          validUntil: value('validUntil') || null,
          kerntaken: [],
        },
        rows: [],
      };
      versions.set(key, version);
      version.rows.push(row);
      const kerntaakCode = canonicalCode(value('kerntaak'));
      let kerntaak = version.input.kerntaken.find((k) => k.code === kerntaakCode);
      if (!kerntaak) version.input.kerntaken.push((kerntaak = { code: kerntaakCode, title: value('kerntaakTitle') || kerntaakCode, werkprocessen: [] }));
      kerntaak.werkprocessen.push({ code: canonicalCode(value('werkproces')), title: value('werkprocesTitle') || canonicalCode(value('werkproces')) });
    }
    for (const { input, rows } of versions.values()) {
      for (const problem of shapeProblems(input)) report.errors.push({ row: rows[0], column: columnOfPath(problem.path), rule: problem.rule ?? 'R4', message: problem.message });
    }
    if (report.errors.length) return report;
    const inFile = [...versions.values()];
    for (const [index, a] of inFile.entries()) {
      const clash = inFile.slice(index + 1).find((b) => b.input.crebo === a.input.crebo && overlaps(a.input, b.input));
      if (clash) report.errors.push({ row: clash.rows[0], column: 'validFrom', rule: 'R4', message: `versions of crebo ${a.input.crebo} in the file overlap` });
    }
    if (report.errors.length) return report;
    try {
      return await this.transactions.run(async () => {
        const outcome = { ...report, errors: [] as ImportRowError[] };
        for (const { input, rows } of inFile) {
          const written = await this.write(actor, input, dryRun);
          if (written.overlap) outcome.errors.push({ row: rows[0], column: 'validFrom', rule: 'R4', message: written.overlap });
          else outcome[written.change] += 1;
        }
        if (outcome.errors.length && !dryRun) throw new ImportRejected(outcome);
        if (!dryRun && outcome.created + outcome.updated) {
          await this.audit.record(actor, { action: 'qualification_register.imported', entityType: 'qualification_register', entityId: this.clock.today(), after: { versions: inFile.length, created: outcome.created, updated: outcome.updated } });
        }
        return outcome;
      });
    } catch (error) {
      if (error instanceof ImportRejected) return error.report;
      throw error;
    }
  }

  /** Writes (or on a dry run only compares) one version; an overlap with another version of the crebo writes nothing. */
  private async write(actor: Actor, input: QualificationDossierInput, dryRun: boolean): Promise<{ change: 'created' | 'updated' | 'unchanged'; overlap?: string }> {
    const manager = this.transactions.manager;
    await QualificationsRepository.lockCrebo(manager, input.crebo);
    const versions = await QualificationsRepository.versionsOfCrebo(manager, input.crebo);
    const existing = versions.find((v) => v.validFrom === input.validFrom);
    const other = versions.find((v) => v !== existing && overlaps(v, { validFrom: input.validFrom, validUntil: input.validUntil ?? null }));
    if (other) {
      return { change: 'unchanged', overlap: `crebo ${input.crebo} has a version valid ${other.validFrom} to ${other.validUntil ?? 'open'}; versions may not overlap (end it first)` };
    }
    const kerntaken = input.kerntaken.map((k) => ({ code: canonicalCode(k.code), title: k.title, werkprocessen: k.werkprocessen.map((w) => ({ code: canonicalCode(w.code), title: w.title })) }));
    const fields = { crebo: input.crebo, name: input.name, sector: input.sector, levels: [...input.levels].sort(), leerwegen: [...input.leerwegen].sort(), validFrom: input.validFrom, validUntil: input.validUntil ?? null };
    if (existing) {
      const [stored] = await this.withKerntaken([existing]);
      const same = JSON.stringify(comparable(stored)) === JSON.stringify(comparable({ ...fields, kerntaken }));
      if (same) return { change: 'unchanged' };
    }
    if (dryRun) return { change: existing ? 'updated' : 'created' };
    const saved = await QualificationsRepository.save(manager, { ...(existing ? { id: existing.id } : {}), ...fields, demo: false }, kerntaken);
    await this.audit.record(actor, { action: existing ? 'qualification_dossier.updated' : 'qualification_dossier.created', entityType: 'qualification_dossier', entityId: saved.id, after: { ...fields, kerntaken } });
    return { change: existing ? 'updated' : 'created' };
  }

  private async withKerntaken(dossiers: QualificationDossierEntity[]): Promise<QualificationDossierModel[]> {
    const kerntaken = await QualificationsRepository.kerntakenOf(this.transactions.manager, dossiers.map((d) => d.id));
    return dossiers.map((dossier) => ({
      ...dossier,
      kerntaken: kerntaken.filter((k) => k.dossierId === dossier.id).map(({ code, title, werkprocessen }) => ({ code, title, werkprocessen })),
    }));
  }
}

/** The dossier's content as compared for "unchanged" (order-insensitive). */
function comparable(dossier: Pick<QualificationDossierModel, 'name' | 'sector' | 'levels' | 'leerwegen' | 'validFrom' | 'validUntil'> & { kerntaken: KerntaakModel[] }) {
  return {
    name: dossier.name,
    sector: dossier.sector,
    levels: [...dossier.levels].sort(),
    leerwegen: [...dossier.leerwegen].sort(),
    validFrom: dossier.validFrom,
    validUntil: dossier.validUntil,
    kerntaken: [...dossier.kerntaken].sort((a, b) => a.code.localeCompare(b.code)).map((k) => ({ ...k, werkprocessen: [...k.werkprocessen].sort((a, b) => a.code.localeCompare(b.code)) })),
  };
}

/** R4 on a dossier's own shape: a werkproces belongs to its kerntaak (B1-K1-W2 under B1-K1), codes are unique, the period runs forward. */
function shapeProblems(input: QualificationDossierInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.validUntil && input.validUntil < input.validFrom) problems.push({ path: 'validUntil', message: 'validUntil must not be before validFrom', rule: 'R4' });
  const kerntaakCodes = new Set<string>();
  const werkprocesCodes = new Set<string>();
  input.kerntaken.forEach((kerntaak, k) => {
    const code = canonicalCode(kerntaak.code);
    if (kerntaakCodes.has(code)) problems.push({ path: `kerntaken.${k}.code`, message: `kerntaak ${code} appears twice`, rule: 'R4' });
    kerntaakCodes.add(code);
    kerntaak.werkprocessen.forEach((werkproces, w) => {
      const wcode = canonicalCode(werkproces.code);
      if (!wcode.startsWith(`${code}-`)) problems.push({ path: `kerntaken.${k}.werkprocessen.${w}.code`, message: `werkproces ${wcode} does not belong to kerntaak ${code}`, rule: 'R4' });
      if (werkprocesCodes.has(wcode)) problems.push({ path: `kerntaken.${k}.werkprocessen.${w}.code`, message: `werkproces ${wcode} appears twice`, rule: 'R4' });
      werkprocesCodes.add(wcode);
    });
  });
  return problems;
}

/** The file column a shape problem is about. */
function columnOfPath(path: string): string {
  if (path.endsWith('.code') && path.includes('werkprocessen')) return 'werkproces';
  if (path.startsWith('kerntaken')) return 'kerntaak';
  return path;
}
