import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { Transactions } from '../../database/transactions';
import { CompaniesFacts } from '../companies/companies.facts';
import type { AssignTrainerInput } from '../companies/dto/trainer-assignment.input';
import type { TrainerAssignmentEntity } from '../companies/trainer-assignment.entity';
import { TrainerAssignmentsService } from '../companies/trainer-assignments.service';
import { PlacementEntity, PlacementStatus } from '../placements/placement.entity';
import { PlacementsFacts } from '../placements/placements.facts';
import { ComplianceRejection } from './models/compliance.model';
import { loadContexts, NormSetHistory } from './placement-compliance';
import { evaluateCompliance } from './rule-engine';
import { StudentsMatchedAt } from './students-matched-at';

/** A praktijkopleider takes on a student, judged by R6 and R7 at the moment of assignment. */
@Injectable()
export class TrainerAssignmentService {
  constructor(
    private readonly transactions: Transactions,
    private readonly placements: PlacementsFacts,
    private readonly companies: CompaniesFacts,
    private readonly assignments: TrainerAssignmentsService,
    private readonly matchedAt: StudentsMatchedAt,
  ) {}

  /**
   * A praktijkopleider takes on a student at one of the company's placements, for its period, or
   * takes over from the one her internship had (R5: one praktijkopleider at a time). The
   * trainer's row is locked first, so concurrent assignments to one trainer are counted one after
   * another and can never exceed the limit (R6); R7 is checked on the same trainer.
   */
  async assign(actor: Actor, input: AssignTrainerInput): Promise<TrainerAssignmentEntity | ComplianceRejection> {
    return this.transactions.run(async () => {
      const manager = this.transactions.manager;
      const placement = ownedOrNotFound('Placement', await this.placements.placementOfCompany(actor.organizationId, input.placementId), {
        field: 'input.placementId',
      });
      if (placement.status === PlacementStatus.CLOSED) throw new ConflictError(`Placement ${placement.id} is closed`);
      const trainerId = input.trainerId ?? placement.trainerId;
      if (!trainerId) throw BadUserInputError.field('input.trainerId', 'the placement has no praktijkopleider; name one (R5)', 'R5');
      if (!(await this.assignments.lockOwnTrainer(actor, trainerId))) throw new NotFoundError('Trainer', { field: 'input.trainerId' });
      // R20: the company reaches only students matched to this placement; any other id (another
      // school's student, a student of no proposal here, a random id) is the same NOT_FOUND.
      if (!(await this.matchedAt.call(placement.id, input.studentId))) throw new NotFoundError('Student', { field: 'input.studentId' });
      // An internship has its assignment from its creation: naming another praktijkopleider ends it
      // and starts the next; naming the same one changes nothing.
      const running = await this.assignments.lockActiveAssignment(placement.id, input.studentId);
      if (running?.trainerId === trainerId) return running;
      const [guiding] = await this.companies.trainerLoads([{ trainerId, startDate: placement.startDate, endDate: placement.endDate }]);
      const withTrainer = Object.assign(new PlacementEntity(), placement, { trainerId });
      const context = (await loadContexts(manager, [withTrainer])).get(placement.id)!;
      const normSet = (await NormSetHistory.load(manager)).inForceOn(placement.startDate);
      const { verdict, findings } = evaluateCompliance({ ...context, trainer: { ...context.trainer!, activeStudents: guiding } }, normSet.norms, ['R6', 'R7']);
      if (verdict === 'BLOCKED') return new ComplianceRejection(findings, normSet.version, 'Assigning this praktijkopleider');
      if (running) await this.assignments.replace(actor, running);
      return this.assignments.record(
        actor,
        { trainerId, placementId: placement.id, internshipId: running?.internshipId ?? null, studentId: input.studentId, startDate: running?.startDate ?? placement.startDate, endDate: running?.endDate ?? placement.endDate },
        { findings },
      );
    });
  }
}
