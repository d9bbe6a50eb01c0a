import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { inTransaction } from '../../database/transaction';
import { ComplianceRejection } from '../compliance/models/compliance.model';
import { loadContexts, NormSetHistory } from '../compliance/placement-compliance';
import { evaluateCompliance } from '../compliance/rule-engine';
import { PlacementEntity, PlacementStatus } from '../placements/placement.entity';
import { holdsSeatAt } from '../internships/internships.facts';
import { hasOpenProposal } from '../matching/matching.facts';
import type { AssignTrainerInput, TrainerAssignmentsArgs } from './dto/trainer-assignment.input';
import { TrainerAssignmentEntity } from './trainer-assignment.entity';

@Injectable()
export class TrainerAssignmentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A praktijkopleider takes on a student at one of the company's placements, for its period. The
   * trainer's row is locked first, so concurrent assignments to one trainer are counted one after
   * another and can never exceed the limit (R6); R7 is checked on the same trainer.
   */
  async assign(actor: Actor, input: AssignTrainerInput): Promise<TrainerAssignmentEntity | ComplianceRejection> {
    return inTransaction(this.dataSource, async (manager) => {
      const placement = ownedOrNotFound('Placement', await manager.findOneBy(PlacementEntity, { id: input.placementId, companyId: actor.organizationId }), {
        field: 'input.placementId',
      });
      if (placement.status === PlacementStatus.CLOSED) throw new ConflictError(`Placement ${placement.id} is closed`);
      const trainerId = input.trainerId ?? placement.trainerId;
      if (!trainerId) throw BadUserInputError.field('input.trainerId', 'the placement has no praktijkopleider; name one (R5)', 'R5');
      const [trainer] = await manager.query<{ id: string }[]>('SELECT id FROM trainers WHERE id = $1 AND company_id = $2 FOR UPDATE', [
        trainerId,
        actor.organizationId,
      ]);
      if (!trainer) throw new NotFoundError('Trainer', { field: 'input.trainerId' });
      // R20: the company reaches only students matched to this placement; any other id (another
      // school's student, a student of no proposal here, a random id) is the same NOT_FOUND.
      const matchedHere = (await hasOpenProposal(manager, placement.id, input.studentId)) || (await holdsSeatAt(manager, placement.id, input.studentId));
      if (!matchedHere) throw new NotFoundError('Student', { field: 'input.studentId' });
      if (await manager.existsBy(TrainerAssignmentEntity, { placementId: placement.id, studentId: input.studentId, endedAt: IsNull() })) {
        throw new ConflictError('The student already has a praktijkopleider at this placement');
      }
      const [{ guiding }] = await manager.query<{ guiding: number }[]>(
        `SELECT count(*)::int AS guiding FROM trainer_assignments
          WHERE trainer_id = $1 AND ended_at IS NULL AND start_date <= $3 AND end_date >= $2`,
        [trainerId, placement.startDate, placement.endDate],
      );
      const withTrainer = Object.assign(new PlacementEntity(), placement, { trainerId });
      const context = (await loadContexts(manager, [withTrainer])).get(placement.id)!;
      const normSet = (await NormSetHistory.load(manager)).inForceOn(placement.startDate);
      const { verdict, findings } = evaluateCompliance({ ...context, trainer: { ...context.trainer!, activeStudents: guiding } }, normSet.norms, ['R6', 'R7']);
      if (verdict === 'BLOCKED') return new ComplianceRejection(findings, normSet.version, 'Assigning this praktijkopleider');

      const assignment = await manager.save(
        manager.create(TrainerAssignmentEntity, {
          trainerId,
          placementId: placement.id,
          studentId: input.studentId,
          companyId: actor.organizationId,
          startDate: placement.startDate,
          endDate: placement.endDate,
          endedAt: null,
        }),
      );
      await recordAudit(manager, actor, { action: 'trainer.assigned', entityType: 'trainer_assignment', entityId: assignment.id, after: { ...assignment, findings } });
      return assignment;
    });
  }

  /** Ends an assignment early (the student left, another trainer took over); frees the trainer's slot. */
  async end(actor: Actor, id: string): Promise<TrainerAssignmentEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const assignment = await manager.findOne(TrainerAssignmentEntity, { where: { id, companyId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!assignment) throw new NotFoundError('Trainer assignment');
      if (assignment.endedAt) throw new ConflictError(`Trainer assignment ${id} has already ended`);
      assignment.endedAt = new Date();
      await manager.save(assignment);
      await recordAudit(manager, actor, { action: 'trainer.unassigned', entityType: 'trainer_assignment', entityId: id, after: assignment });
      return assignment;
    });
  }

  list(actor: Actor, { trainerId, placementId, activeOnly, ...page }: TrainerAssignmentsArgs): Promise<Connection<TrainerAssignmentEntity>> {
    const query = this.dataSource
      .getRepository(TrainerAssignmentEntity)
      .createQueryBuilder('assignment')
      .where('assignment.companyId = :companyId', { companyId: actor.organizationId })
      .orderBy('assignment.startDate')
      .addOrderBy('assignment.id');
    if (trainerId) query.andWhere('assignment.trainerId = :trainerId', { trainerId });
    if (placementId) query.andWhere('assignment.placementId = :placementId', { placementId });
    if (activeOnly ?? true) query.andWhere('assignment.endedAt IS NULL');
    return paginate(query, page);
  }
}
