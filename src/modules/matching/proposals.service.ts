import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, LessThan } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { inTransaction } from '../../database/transaction';
import { InternshipEntity } from '../internships/internship.entity';
import { PoksService } from '../internships/poks.service';
import { seatsHeld } from '../internships/seats';
import { EventType } from '../notifications/event-type';
import { recordEvent } from '../notifications/outbox';
import { PlacementEntity, PlacementStatus } from '../placements/placement.entity';
import type { AnswerProposalInput, ProposalsArgs } from './dto/matching.input';
import { Answer, ProposalEntity, ProposalStatus } from './proposal.entity';

export enum Side {
  COMPANY = 'COMPANY',
  SCHOOL = 'SCHOOL',
}

const REMIND_BEFORE_MS = 2 * 86_400_000;

@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly poks: PoksService,
  ) {}

  /** A company's proposals (blind), or a school's proposals for its students. */
  list(actor: Actor, side: Side, { placementId, studentId, status, ...page }: ProposalsArgs): Promise<Connection<ProposalEntity>> {
    const query = this.dataSource
      .getRepository(ProposalEntity)
      .createQueryBuilder('proposal')
      .where(side === Side.COMPANY ? 'proposal.companyId = :org' : 'proposal.schoolId = :org', { org: actor.organizationId })
      .orderBy('proposal.createdAt', 'DESC')
      .addOrderBy('proposal.id');
    if (placementId) query.andWhere('proposal.placementId = :placementId', { placementId });
    if (studentId) query.andWhere('proposal.studentId = :studentId', { studentId });
    if (status) query.andWhere('proposal.status = :status', { status });
    return paginate(query, page);
  }

  /**
   * One side's answer. A company's decline needs a reason code (R21) and is audited. When both
   * sides have accepted, the seat is taken under the placement's row lock, so concurrent
   * acceptances never exceed its capacity; the internship is created and the company may now
   * see who the student is (the reveal is audited).
   */
  async answer(actor: Actor, side: Side, id: string, input: AnswerProposalInput): Promise<ProposalEntity> {
    if (side === Side.COMPANY && !input.accept && !input.declineReason) {
      throw BadUserInputError.field('input.declineReason', 'a company that declines must give one of the reason codes (R21)', 'R21');
    }
    if (side === Side.SCHOOL && input.declineReason) {
      throw BadUserInputError.field('input.declineReason', 'reason codes are for companies (R21); a student need not give one');
    }
    return inTransaction(this.dataSource, async (manager) => {
      const where = { id, ...(side === Side.COMPANY ? { companyId: actor.organizationId } : { schoolId: actor.organizationId }) };
      // Lock order (README, Operations): the placement before its proposal, as a revocation's cascade takes them.
      const unlocked = await manager.findOne(ProposalEntity, { select: { id: true, placementId: true }, where });
      if (!unlocked) throw new NotFoundError('Proposal', id);
      const placement = await manager.findOneOrFail(PlacementEntity, { where: { id: unlocked.placementId }, lock: { mode: 'pessimistic_write' } });
      const proposal = await manager.findOneOrFail(ProposalEntity, { where, lock: { mode: 'pessimistic_write' } });
      if (proposal.status !== ProposalStatus.OPEN) throw new ConflictError(`Proposal ${id} is ${proposal.status}`);
      if (proposal.expiresAt < new Date()) throw new ConflictError(`Proposal ${id} expired on ${proposal.expiresAt.toISOString()}`);
      const own = side === Side.COMPANY ? 'companyAnswer' : 'studentAnswer';
      if (proposal[own] !== Answer.PENDING) throw new ConflictError(`You already answered proposal ${id}: ${proposal[own]}`);

      const before = { ...proposal };
      proposal[own] = input.accept ? Answer.ACCEPTED : Answer.DECLINED;
      if (side === Side.COMPANY) proposal.companyAnsweredAt = new Date();
      if (!input.accept) {
        Object.assign(proposal, { status: ProposalStatus.DECLINED, declineReason: input.declineReason ?? null, decidedAt: new Date() });
      } else if (proposal.companyAnswer === Answer.ACCEPTED && proposal.studentAnswer === Answer.ACCEPTED) {
        await this.takeSeat(manager, actor, proposal, placement);
      }
      await manager.save(proposal);
      await recordAudit(manager, actor, {
        action: `proposal.${input.accept ? 'accepted' : 'declined'}_by_${side.toLowerCase()}`,
        entityType: 'proposal',
        entityId: id,
        before,
        after: proposal,
      });
      await recordEvent(manager, input.accept ? EventType.PROPOSAL_ACCEPTED : EventType.PROPOSAL_DECLINED, { proposalId: id, by: side });
      return proposal;
    });
  }

  /** Under the placement's row lock, which the caller holds. */
  private async takeSeat(manager: EntityManager, actor: Actor, proposal: ProposalEntity, placement: PlacementEntity): Promise<void> {
    if (placement.status !== PlacementStatus.PUBLISHED) throw new ConflictError(`Placement ${placement.id} is ${placement.status}; no internship can start there (R1, R2)`);
    const taken = await seatsHeld(manager, placement.id);
    if (taken >= placement.capacity) {
      throw new ConflictError(`Placement ${placement.id} has no free seat left (${taken} of ${placement.capacity} taken)`);
    }
    const internship = await manager.save(
      manager.create(InternshipEntity, {
        proposalId: proposal.id,
        studentId: proposal.studentId,
        placementId: placement.id,
        companyId: proposal.companyId,
        schoolId: proposal.schoolId,
        startDate: placement.startDate,
        endDate: placement.endDate,
      }),
    );
    Object.assign(proposal, { status: ProposalStatus.ACCEPTED, decidedAt: new Date() });
    await this.poks.generate(manager, internship);
    await recordAudit(manager, actor, [
      { action: 'internship.created', entityType: 'internship', entityId: internship.id, after: internship },
      // R20: from here on the company sees who the student is.
      { action: 'student.identity_revealed', entityType: 'student', entityId: proposal.studentId, after: { companyId: proposal.companyId, proposalId: proposal.id } },
    ]);
  }

  /** Daily: open proposals past their expiry free their seat; the student is in the next round. */
  async expireDue(now = new Date()): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const { raw } = await manager
        .createQueryBuilder()
        .update(ProposalEntity)
        .set({ status: ProposalStatus.EXPIRED, decidedAt: () => 'now()' })
        .where({ status: ProposalStatus.OPEN, expiresAt: LessThan(now) })
        .returning('id')
        .execute();
      const ids = (raw as { id: string }[]).map(({ id }) => id);
      await recordAudit(manager, null, ids.map((id) => ({ action: 'proposal.expired', entityType: 'proposal', entityId: id })));
      return ids.length;
    });
  }

  /** Daily: both sides hear once that an open proposal expires within two days. */
  async remindExpiring(now = new Date()): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const due = await manager.find(ProposalEntity, {
        select: { id: true },
        where: { status: ProposalStatus.OPEN, expiresAt: LessThan(new Date(now.getTime() + REMIND_BEFORE_MS)), expiryReminderSentAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      const ids = due.map(({ id }) => id);
      if (!ids.length) return 0;
      await manager.update(ProposalEntity, { id: In(ids) }, { expiryReminderSentAt: now });
      await recordEvent(manager, EventType.PROPOSAL_EXPIRING, ids.map((proposalId) => ({ proposalId })));
      return ids.length;
    });
  }
}
