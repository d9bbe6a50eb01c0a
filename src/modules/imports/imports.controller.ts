import { type CanActivate, Controller, type ExecutionContext, HttpException, Injectable, Post, Req, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/allow.decorator';
import { type Actor, MembershipRole, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../../common/errors/domain-errors';
import type { ImportReport } from '../../common/spreadsheets/import-report';
import { readTable, SpreadsheetError } from '../../common/spreadsheets/spreadsheet';
import { Environment } from '../../config/environment';
import { AuthService } from '../organizations/auth.service';
import { PlacementImports } from '../placements/placement-import';
import { QualificationsService } from '../qualifications/qualifications.service';
import { StudentImports } from '../students/student-import';
import { httpErrorOf, PayloadTooLarge } from './http-errors';
import { ImportLimits } from './import-limits';

type ImportKind = 'students' | 'placements' | 'qualifications';
/** Who may import what: a school its students, a company its placements (as drafts), SBB the register. */
const IMPORTER: Record<ImportKind, OrganizationType> = {
  students: OrganizationType.SCHOOL,
  placements: OrganizationType.COMPANY,
  qualifications: OrganizationType.SBB,
};

type ImportRequest = Request & { importActor?: Actor };

/**
 * Before the file is read: the bearer token (a session's, or an API key `sm_…` of the importing
 * organization) must be of the organization type the endpoint is for, within IMPORTS_PER_MINUTE.
 */
@Injectable()
export class ImportAccess implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly limits: ImportLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ImportRequest>();
    const kind = request.path.split('/').filter(Boolean).at(-1) as ImportKind;
    try {
      const { actor, error } = await this.auth.resolveActor(request.headers.authorization, `import:${kind}`);
      if (!actor) throw new UnauthenticatedError(error ?? 'Sign in first: Authorization: Bearer <token or API key>');
      // A student signed in as herself is of her school's type but none of its staff (issue #17): she imports nothing.
      if (actor.organizationType !== IMPORTER[kind] || actor.membershipRole === MembershipRole.STUDENT) throw new ForbiddenError(`Only a ${IMPORTER[kind].toLowerCase()} imports ${kind}`);
      await this.limits.take(actor.organizationId);
      request.importActor = actor;
      return true;
    } catch (error) {
      const mapped = httpErrorOf(error);
      const retryAfter = (mapped as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retryAfter) context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw mapped;
    }
  }
}

/**
 * Bulk imports (issue #18): `POST /imports/students` (a school), `/imports/placements` (a company,
 * as drafts), `/imports/qualifications` (SBB, the register), each a CSV (`;` or `,`, UTF-8 with or
 * without BOM) or XLSX file as the multipart field `file`; `?dryRun=true` (or a form field
 * `dryRun`) checks every row and writes nothing. The answer is the import report: 200, or 422 when
 * a real run met row errors and wrote nothing.
 */
@Controller('imports')
@Public()
@UseGuards(ImportAccess)
export class ImportsController {
  constructor(
    private readonly env: Environment,
    private readonly studentImports: StudentImports,
    private readonly placementImports: PlacementImports,
    private readonly qualifications: QualificationsService,
  ) {}

  @Post('students')
  @UseInterceptors(FileInterceptor('file'))
  students(@Req() request: ImportRequest, @UploadedFile() file: Express.Multer.File | undefined, @Res() response: Response): Promise<void> {
    return this.handle(request, file, response, (actor, table, dryRun) => this.studentImports.run(actor, table, dryRun));
  }

  @Post('placements')
  @UseInterceptors(FileInterceptor('file'))
  placements(@Req() request: ImportRequest, @UploadedFile() file: Express.Multer.File | undefined, @Res() response: Response): Promise<void> {
    return this.handle(request, file, response, (actor, table, dryRun) => this.placementImports.run(actor, table, dryRun));
  }

  @Post('qualifications')
  @UseInterceptors(FileInterceptor('file'))
  register(@Req() request: ImportRequest, @UploadedFile() file: Express.Multer.File | undefined, @Res() response: Response): Promise<void> {
    return this.handle(request, file, response, (actor, table, dryRun) => this.qualifications.importFile(actor, table, dryRun));
  }

  private async handle(
    request: ImportRequest,
    file: Express.Multer.File | undefined,
    response: Response,
    run: (actor: Actor, table: Awaited<ReturnType<typeof readTable>>, dryRun: boolean) => Promise<ImportReport>,
  ): Promise<void> {
    try {
      const dryRun = dryRunOf(request);
      if (!file) throw BadUserInputError.field('file', 'send the CSV or XLSX file as the multipart/form-data field "file"', 'FILE');
      let table;
      try {
        table = await readTable(file.buffer, file.originalname);
      } catch (error) {
        if (error instanceof SpreadsheetError) throw BadUserInputError.field('file', error.message, 'FILE_FORMAT');
        throw error;
      }
      if (table.rows.length > this.env.IMPORT_MAX_ROWS) throw new PayloadTooLarge(`the file has ${table.rows.length} rows; at most ${this.env.IMPORT_MAX_ROWS} (IMPORT_MAX_ROWS) in one import`);
      const report = await run(request.importActor!, table, dryRun);
      const written = !dryRun && report.errors.length === 0;
      response.status(report.errors.length && !dryRun ? 422 : 200).json({ ...report, written });
    } catch (error) {
      const mapped = httpErrorOf(error);
      if (mapped instanceof HttpException) {
        const retryAfter = (mapped as HttpException & { retryAfterSeconds?: number }).retryAfterSeconds;
        if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
        response.status(mapped.getStatus()).json(mapped.getResponse());
        return;
      }
      throw mapped;
    }
  }
}

/** `?dryRun=true|false` or the form field `dryRun`; absent is a real run. */
function dryRunOf(request: Request): boolean {
  const given = (request.query.dryRun ?? (request.body as Record<string, unknown> | undefined)?.dryRun) as unknown;
  if (given === undefined || given === '' ) return false;
  if (given === 'true' || given === '1') return true;
  if (given === 'false' || given === '0') return false;
  throw BadUserInputError.field('dryRun', 'dryRun must be true or false', 'DRY_RUN');
}
