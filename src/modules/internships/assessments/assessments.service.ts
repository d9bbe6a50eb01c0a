import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../common/audit/audit-log';
import type { Actor } from '../../../common/auth/roles';
import { Clock } from '../../../common/clock/clock';
import { BadUserInputError, ConflictError, type FieldProblem, NotFoundError, ownedOrNotFound } from '../../../common/errors/domain-errors';
import { Transactions } from '../../../database/transactions';
import { InternshipStatus } from '../internship.entity';
import { InternshipsPolicy } from '../internships.policy';
import { InternshipsRepository } from '../internships.repository';
import { type AssessmentEntity, AssessmentStatus } from './assessment.entity';
import { AssessmentsRepository } from './assessments.repository';
import type { RecordAssessmentInput } from './dto/assessment.input';
import type { InternshipAssessmentModel } from './models/assessment.model';

/**
 * The assessment (issue #17): the praktijkopleider's company grades every werkproces of the
 * current POK version (ONVOLDOENDE, VOLDOENDE, GOED, each with a comment); the school confirms it
 * once every one is graded, and then it is final (audited). The student reads hers.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly internships: InternshipsRepository,
    private readonly assessments: AssessmentsRepository,
  ) {}

  /** The company grades werkprocessen of the current POK (those left out keep theirs) while the assessment is a draft. */
  async record(actor: Actor, internshipId: string, input: RecordAssessmentInput): Promise<InternshipAssessmentModel> {
    return this.transactions.run(async () => {
      const internship = await this.internships.lockForParty(actor, internshipId);
      if (!InternshipsPolicy.isItsCompany(actor, internship)) throw new NotFoundError('Internship');
      if (internship.status !== InternshipStatus.ACTIVE) throw new ConflictError(`Internship ${internshipId} is ${internship.status}; it is assessed while ACTIVE`);
      const werkprocessen = await this.werkprocessenOf(internshipId);
      const problems: FieldProblem[] = [];
      input.werkprocessen.forEach(({ werkproces }, index) => {
        if (!werkprocessen.includes(werkproces)) problems.push({ path: `input.werkprocessen.${index}.werkproces`, message: `"${werkproces}" is not a werkproces of the POK: ${werkprocessen.join(', ')}` });
        else if (input.werkprocessen.findIndex((other) => other.werkproces === werkproces) !== index) problems.push({ path: `input.werkprocessen.${index}.werkproces`, message: `"${werkproces}" is graded twice` });
      });
      if (problems.length) throw new BadUserInputError(problems);
      const assessment = await this.assessments.findOrCreate(internshipId);
      if (assessment.status === AssessmentStatus.CONFIRMED) throw new ConflictError('The assessment is confirmed by the school and final');
      const now = this.clock.now();
      await this.assessments.upsertItems(
        assessment.id,
        input.werkprocessen.map(({ werkproces, grade, comment }) => ({ werkproces, grade, comment: comment.trim(), assessedByUserId: actor.userId, assessedAt: now })),
      );
      await this.audit.record(actor, { action: 'assessment.recorded', entityType: 'internship', entityId: internshipId, after: { assessmentId: assessment.id, werkprocessen: input.werkprocessen } });
      return this.model((await this.assessments.find(internshipId))!, werkprocessen);
    });
  }

  /** Her school confirms the assessment once every werkproces of the current POK is graded: final, audited. */
  async confirm(actor: Actor, internshipId: string): Promise<InternshipAssessmentModel> {
    return this.transactions.run(async () => {
      const internship = await this.internships.lockForParty(actor, internshipId);
      if (!InternshipsPolicy.isHerSchool(actor, internship)) throw new NotFoundError('Internship');
      const assessment = await this.assessments.find(internshipId);
      if (!assessment) throw new ConflictError('The praktijkopleider has not assessed the internship yet');
      if (assessment.status === AssessmentStatus.CONFIRMED) throw new ConflictError('The assessment is already confirmed');
      const pok = (await this.internships.currentPok(internshipId))!;
      const missing = this.missing(assessment, pok.terms.werkprocessen);
      if (missing.length) throw new ConflictError(`Every werkproces of the POK is assessed before the school confirms: not yet ${missing.join(', ')}`);
      const confirmedAt = this.clock.now();
      await this.assessments.confirm(assessment.id, { pokVersion: pok.version, confirmedByUserId: actor.userId, confirmedAt });
      const items = (assessment.items ?? []).filter((item) => pok.terms.werkprocessen.includes(item.werkproces));
      await this.audit.record(actor, {
        action: 'assessment.confirmed',
        entityType: 'internship',
        entityId: internshipId,
        after: { assessmentId: assessment.id, pokVersion: pok.version, werkprocessen: items.map(({ werkproces, grade, comment }) => ({ werkproces, grade, comment })) },
      });
      return this.model({ ...assessment, status: AssessmentStatus.CONFIRMED, pokVersion: pok.version, confirmedAt, confirmedByUserId: actor.userId }, pok.terms.werkprocessen);
    });
  }

  /** The assessment as a party reads it (she her own); null before the praktijkopleider began. */
  async find(actor: Actor, internshipId: string): Promise<InternshipAssessmentModel | null> {
    await this.internships.findForParty(actor, internshipId);
    const assessment = await this.assessments.find(internshipId);
    return assessment ? this.model(assessment, await this.werkprocessenOf(internshipId)) : null;
  }

  /** One assessment by its id (node(id)), as its internship's parties read it; else NOT_FOUND. */
  async findById(actor: Actor, id: string): Promise<InternshipAssessmentModel> {
    const internshipId = await this.assessments.internshipOf(id);
    return ownedOrNotFound('Internship assessment', internshipId ? await this.find(actor, internshipId).catch(() => null) : null);
  }

  /** Whether the school confirmed it (completion needs it). */
  isConfirmed(internshipId: string): Promise<boolean> {
    return this.assessments.isConfirmed(internshipId);
  }

  private async werkprocessenOf(internshipId: string): Promise<string[]> {
    return (await this.internships.currentPok(internshipId))?.terms.werkprocessen ?? [];
  }

  private missing(assessment: AssessmentEntity, werkprocessen: string[]): string[] {
    const graded = new Set((assessment.items ?? []).map((item) => item.werkproces));
    return werkprocessen.filter((werkproces) => !graded.has(werkproces));
  }

  private model(assessment: AssessmentEntity, werkprocessen: string[]): InternshipAssessmentModel {
    // Confirmed, it shows what the school confirmed; a draft, what the current POK asks.
    const covered = assessment.status === AssessmentStatus.CONFIRMED ? null : new Set(werkprocessen);
    return {
      id: assessment.id,
      internshipId: assessment.internshipId,
      status: assessment.status,
      werkprocessen: (assessment.items ?? []).filter((item) => !covered || covered.has(item.werkproces)).map(({ werkproces, grade, comment, assessedAt }) => ({ werkproces, grade, comment, assessedAt })),
      missingWerkprocessen: assessment.status === AssessmentStatus.CONFIRMED ? [] : this.missing(assessment, werkprocessen),
      pokVersion: assessment.pokVersion,
      confirmedAt: assessment.confirmedAt,
    };
  }
}
