import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError } from '../../common/errors/domain-errors';
import { inTransaction } from '../../database/transaction';
import { Events } from '../events/events';
import { InternshipEvent } from './internships.events';
import { StudentEntity } from '../students/student.entity';
import type { EvaluationInput, TerminateInternshipInput } from './dto/guidance.input';
import { EvaluationEntity, Evaluator } from './evaluation.entity';
import { lockPartyInternship } from './internship-access';
import { type InternshipEntity, InternshipStatus } from './internship.entity';

/** R18: the end evaluations an internship needs before it closes. */
const REQUIRED_EVALUATIONS = [Evaluator.STUDENT, Evaluator.TRAINER, Evaluator.SCHOOL];

@Injectable()
export class InternshipLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: Events,
  ) {}

  /** An end evaluation (R19): the school records the student's and its own, the company the praktijkopleider's. */
  async evaluate(actor: Actor, internshipId: string, input: EvaluationInput): Promise<EvaluationEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const internship = await lockPartyInternship(manager, actor, internshipId);
      const mayRecord = actor.organizationType === OrganizationType.COMPANY ? [Evaluator.TRAINER] : [Evaluator.STUDENT, Evaluator.SCHOOL];
      if (!mayRecord.includes(input.evaluator)) throw BadUserInputError.field('input.evaluator', `your organization records ${mayRecord.join(' and ')}`, 'R19');
      if (internship.status !== InternshipStatus.ACTIVE) throw new ConflictError(`Internship ${internshipId} is ${internship.status}, not ACTIVE`);
      if (await manager.existsBy(EvaluationEntity, { internshipId, evaluator: input.evaluator })) {
        throw new ConflictError(`The ${input.evaluator.toLowerCase()} evaluation is already recorded`);
      }
      const evaluation = await manager.save(manager.create(EvaluationEntity, { ...input, comments: input.comments ?? null, internshipId, recordedByUserId: actor.userId }));
      await recordAudit(manager, actor, { action: 'internship.evaluated', entityType: 'internship', entityId: internshipId, after: evaluation });
      return evaluation;
    });
  }

  /** ACTIVE → COMPLETED, only with the student's, the praktijkopleider's and the school's evaluations (R18). */
  async complete(actor: Actor, internshipId: string): Promise<InternshipEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const internship = await lockPartyInternship(manager, actor, internshipId);
      if (internship.status !== InternshipStatus.ACTIVE) throw new ConflictError(`Internship ${internshipId} is ${internship.status}, not ACTIVE`);
      const given = (await manager.findBy(EvaluationEntity, { internshipId })).map((evaluation) => evaluation.evaluator);
      const missing = REQUIRED_EVALUATIONS.filter((evaluator) => !given.includes(evaluator));
      if (missing.length) throw new ConflictError(`The internship closes only with every end evaluation (R18): missing ${missing.join(', ')}`);
      Object.assign(internship, { status: InternshipStatus.COMPLETED, endedAt: new Date() });
      await manager.save(internship);
      await recordAudit(manager, actor, { action: 'internship.completed', entityType: 'internship', entityId: internshipId, after: internship });
      return internship;
    });
  }

  /**
   * Either party ends the internship early with a reason. The seat is free again, the student
   * gets priority in the next match round, and her school (and the company) are told.
   */
  async terminate(actor: Actor, internshipId: string, input: TerminateInternshipInput): Promise<InternshipEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const internship = await lockPartyInternship(manager, actor, internshipId);
      if (internship.status !== InternshipStatus.PLANNED && internship.status !== InternshipStatus.ACTIVE) {
        throw new ConflictError(`Internship ${internshipId} is ${internship.status} and can no longer be terminated`);
      }
      Object.assign(internship, {
        status: InternshipStatus.TERMINATED,
        endedAt: new Date(),
        terminationReason: input.reason,
        terminatedByOrganizationId: actor.organizationId,
      });
      await manager.save(internship);
      await manager.update(StudentEntity, { id: internship.studentId }, { rematchPriority: true });
      await recordAudit(manager, actor, { action: 'internship.terminated', entityType: 'internship', entityId: internshipId, after: internship });
      await this.events.emit(InternshipEvent.INTERNSHIP_TERMINATED, { internshipId });
      return internship;
    });
  }

}
