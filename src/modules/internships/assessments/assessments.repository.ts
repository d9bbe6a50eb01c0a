import { Injectable } from '@nestjs/common';
import { Transactions } from '../../../database/transactions';
import { AssessmentEntity, AssessmentItemEntity, AssessmentStatus } from './assessment.entity';

/** The only place `internship_assessments` and `internship_assessment_items` are named; joins the ambient transaction. */
@Injectable()
export class AssessmentsRepository {
  constructor(private readonly transactions: Transactions) {}

  /** The internship's assessment with its items (by werkproces), or null. */
  find(internshipId: string): Promise<AssessmentEntity | null> {
    return this.transactions.manager.findOne(AssessmentEntity, { where: { internshipId }, relations: { items: true }, order: { items: { werkproces: 'ASC' } } });
  }

  /** Which internship an assessment is of, or null. */
  async internshipOf(id: string): Promise<string | null> {
    return (await this.transactions.manager.findOne(AssessmentEntity, { where: { id }, select: { id: true, internshipId: true } }))?.internshipId ?? null;
  }

  /** The assessment, created as a draft when there is none; the caller holds the internship's lock. */
  async findOrCreate(internshipId: string): Promise<AssessmentEntity> {
    const manager = this.transactions.manager;
    const found = await this.find(internshipId);
    if (found) return found;
    const created = await manager.save(manager.create(AssessmentEntity, { internshipId, status: AssessmentStatus.DRAFT }));
    return { ...created, items: [] };
  }

  /** Sets each werkproces's grade and comment (one row per werkproces). */
  async upsertItems(assessmentId: string, items: Pick<AssessmentItemEntity, 'werkproces' | 'grade' | 'comment' | 'assessedByUserId' | 'assessedAt'>[]): Promise<void> {
    await this.transactions.manager
      .createQueryBuilder()
      .insert()
      .into(AssessmentItemEntity)
      .values(items.map((item) => ({ ...item, assessmentId })))
      .orUpdate(['grade', 'comment', 'assessed_by_user_id', 'assessed_at'], ['assessment_id', 'werkproces'])
      .execute();
  }


  async confirm(assessmentId: string, fields: Pick<AssessmentEntity, 'pokVersion' | 'confirmedByUserId' | 'confirmedAt'>): Promise<void> {
    await this.transactions.manager.update(AssessmentEntity, { id: assessmentId }, { ...fields, status: AssessmentStatus.CONFIRMED });
  }

  /** Whether the school confirmed the internship's assessment. */
  isConfirmed(internshipId: string): Promise<boolean> {
    return this.transactions.manager.existsBy(AssessmentEntity, { internshipId, status: AssessmentStatus.CONFIRMED });
  }
}
