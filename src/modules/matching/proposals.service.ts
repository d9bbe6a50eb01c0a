import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import type { Connection } from '../../common/graphql/pagination';
import { Clock } from '../../common/clock/clock';
import { Transactions } from '../../database/transactions';
import type { InternshipEntity } from '../internships/internship.entity';
import { InternshipLifecycleService } from '../internships/internship-lifecycle.service';
import { seatsHeld } from '../internships/internships.facts';
import { Events } from '../events/events';
import { MatchingEvent } from './matching.events';
import { PlacementStatus } from '../placements/placement.entity';
import { lockPlacementForSeat, type PlacementForSeat } from '../placements/placements.facts';
import type { AnswerProposalInput, ProposalsArgs } from './dto/matching.input';
import { MatchingPolicy, Side } from './matching.policy';
import { MatchingRepository } from './matching.repository';
import { Answer, type ProposalEntity, ProposalStatus, StudentAnswerBy } from './proposal.entity';
import { InvitationsService } from '../organizations/invitations/invitations.service';

/** The rule a school breaks by answering for a student who has an active account of her own (issue #17). */
export const STUDENT_ANSWERS_HERSELF = 'STUDENT_ANSWERS_HERSELF';

/** A student's own account that lets her answer herself (organizations' `studentAccounts` status). */
const ACTIVE_ACCOUNT = 'ACTIVE';

export { Side };

const REMIND_BEFORE_MS = 2 * 86_400_000;

/**
 * The student of `proposal` already holds a seat. Her school hears which internship; a company
 * only that the candidate is placed elsewhere, nothing that would tell it who she is (R20).
 */
function alreadySeated(actor: Actor, proposal: ProposalEntity, held: Pick<InternshipEntity, 'id' | 'status' | 'placementId'> | null): ConflictError {
  if (actor.organizationType === OrganizationType.COMPANY) {
    return new ConflictError(`The candidate of proposal ${proposal.id} already holds a seat at another placement; this proposal cannot be accepted`);
  }
  const which = held ? `internship ${held.id} (${held.status}) at placement ${held.placementId}` : 'an internship accepted at the same moment';
  return new ConflictError(`Student ${proposal.studentId} already holds a seat: ${which}; one student holds one seat`);
}

@Injectable()
export class ProposalsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly proposals: MatchingRepository,
    private readonly audit: AuditLog,
    private readonly internships: InternshipLifecycleService,
    private readonly clock: Clock,
    private readonly events: Events,
    private readonly invitations: InvitationsService,
  ) {}

  /** One proposal of the actor's side (blind for the company, R20; her own for a student); anyone else's is NOT_FOUND, as an unknown id. */
  async find(actor: Actor, side: Side, id: string): Promise<ProposalEntity> {
    const proposal = await this.proposals.proposal(id);
    return ownedOrNotFound('Proposal', proposal, { visible: (found) => found[MatchingPolicy.proposalSideColumn(side)] === MatchingPolicy.proposalSideKey(actor, side) });
  }

  /**
   * A company's proposals (blind), a school's proposals for its students, or a student's own
   * (a filter by another student finds nothing). A company may not
   * filter by student: the answer would tie a pseudonym to a student id it learned elsewhere
   * before she accepted (R20). Like every argument a role may not use, that is FORBIDDEN.
   */
  list(actor: Actor, side: Side, { filter, orderBy, ...args }: ProposalsArgs): Promise<Connection<ProposalEntity>> {
    const { placementId: loosePlacement, studentId: looseStudent, status: looseStatus, ...page } = args;
    const placementId = filter?.placementId ?? loosePlacement;
    const studentId = filter?.studentId ?? looseStudent;
    const status = filter?.status ?? looseStatus;
    if (studentId && !MatchingPolicy.mayFilterProposalsByStudent(side)) {
      throw new ForbiddenError('Companies may not filter proposals by studentId: a candidate stays a pseudonym until both sides accept (R20)');
    }
    return this.proposals.listProposals(MatchingPolicy.proposalSideColumn(side), MatchingPolicy.proposalSideKey(actor, side), { placementId, studentId, status }, page, orderBy);
  }

  /**
   * One side's answer. A company's decline needs a reason code (R21) and is audited. The student's
   * answer comes from herself (a decline with a reason code), or from her school on her behalf
   * while she has no active account of her own (recorded as SCHOOL_ON_BEHALF and audited as
   * such); once she has one, her school cannot answer for her (BAD_USER_INPUT rule
   * STUDENT_ANSWERS_HERSELF). When both sides have accepted, the seat is taken under the
   * placement's row lock, so concurrent acceptances never exceed its capacity; the internship is
   * created and the company may now see who the student is (the reveal is audited).
   */
  async answer(actor: Actor, side: Side, id: string, input: AnswerProposalInput): Promise<ProposalEntity> {
    if (side === Side.COMPANY && !input.accept && !input.declineReason) {
      throw BadUserInputError.field('input.declineReason', 'a company that declines must give one of the reason codes (R21)', 'R21');
    }
    if (side === Side.STUDENT && !input.accept && !input.declineReason) {
      throw BadUserInputError.field('input.declineReason', 'a student who declines gives one of the reason codes', 'DECLINE_REASON_REQUIRED');
    }
    if (side === Side.SCHOOL && input.declineReason) {
      throw BadUserInputError.field('input.declineReason', 'reason codes are for companies (R21); a student need not give one');
    }
    return this.transactions.run(async () => {
      const sideColumn = MatchingPolicy.proposalSideColumn(side);
      const sideKey = MatchingPolicy.proposalSideKey(actor, side);
      // Lock order (README, Operations): the placement before its proposal, as a revocation's cascade takes them.
      const unlocked = await this.proposals.placementOfProposal(id, sideColumn, sideKey);
      if (!unlocked) throw new NotFoundError('Proposal');
      if (side === Side.SCHOOL && (await this.invitations.studentAccounts([unlocked.studentId])).get(unlocked.studentId) === ACTIVE_ACCOUNT) {
        throw BadUserInputError.field('id', 'the student has an active account of her own and answers her proposals herself; her school answers only for a student without one', STUDENT_ANSWERS_HERSELF);
      }
      const placement = await lockPlacementForSeat(this.transactions.manager, unlocked.placementId);
      const proposal = await this.proposals.lockProposal(id, sideColumn, sideKey);
      if (proposal.status !== ProposalStatus.OPEN) throw new ConflictError(`Proposal ${id} is ${proposal.status}`);
      const now = this.clock.now();
      if (proposal.expiresAt < now) throw new ConflictError(`Proposal ${id} expired on ${proposal.expiresAt.toISOString()}`);
      const own = side === Side.COMPANY ? 'companyAnswer' : 'studentAnswer';
      if (proposal[own] !== Answer.PENDING) throw new ConflictError(`${side === Side.SCHOOL ? 'The student' : 'You'} already answered proposal ${id}: ${proposal[own]}`);

      const before = { ...proposal };
      proposal[own] = input.accept ? Answer.ACCEPTED : Answer.DECLINED;
      if (side === Side.COMPANY) proposal.companyAnsweredAt = now;
      else proposal.studentAnsweredBy = side === Side.STUDENT ? StudentAnswerBy.STUDENT : StudentAnswerBy.SCHOOL_ON_BEHALF;
      if (!input.accept) {
        Object.assign(proposal, { status: ProposalStatus.DECLINED, declineReason: input.declineReason ?? null, decidedAt: now });
      } else if (proposal.companyAnswer === Answer.ACCEPTED && proposal.studentAnswer === Answer.ACCEPTED) {
        await this.takeSeat(actor, proposal, placement);
      }
      await this.proposals.saveProposal(proposal);
      const by = side === Side.SCHOOL ? 'school_on_behalf_of_student' : side.toLowerCase();
      await this.audit.record(actor, {
        action: `proposal.${input.accept ? 'accepted' : 'declined'}_by_${by}`,
        entityType: 'proposal',
        entityId: id,
        before,
        after: proposal,
      });
      await this.events.emit(input.accept ? MatchingEvent.PROPOSAL_ACCEPTED : MatchingEvent.PROPOSAL_DECLINED, { proposalId: id, by: side });
      return proposal;
    });
  }

  /** Under the placement's row lock, which the caller holds. */
  private async takeSeat(actor: Actor, proposal: ProposalEntity, placement: PlacementForSeat): Promise<void> {
    if (placement.status !== PlacementStatus.PUBLISHED) throw new ConflictError(`Placement ${placement.id} is ${placement.status}; no internship can start there (R1, R2)`);
    const taken = await seatsHeld(this.transactions.manager, placement.id);
    if (taken >= placement.capacity) {
      throw new ConflictError(`Placement ${placement.id} has no free seat left (${taken} of ${placement.capacity} taken)`);
    }
    // One seat per student. Checked here to name the seat she holds; the unique index refuses the
    // same when another acceptance for her commits between this read and the insert.
    const held = await this.internships.seatHeldBy(proposal.studentId);
    if (held) throw alreadySeated(actor, proposal, held);
    const internship = await this.internships.createFromAcceptedProposal(actor, proposal, placement);
    if (!internship) throw alreadySeated(actor, proposal, null);
    Object.assign(proposal, { status: ProposalStatus.ACCEPTED, decidedAt: this.clock.now() });
    // R20: from here on the company sees who the student is.
    await this.audit.record(actor, {
      action: 'student.identity_revealed',
      entityType: 'student',
      entityId: proposal.studentId,
      after: { companyId: proposal.companyId, proposalId: proposal.id },
    });
  }

  /** Daily: open proposals past their expiry free their seat; the student is in the next round. */
  async expireDue(now = this.clock.now()): Promise<number> {
    return this.transactions.run(async () => {
      const ids = await this.proposals.expireOpenBefore(now);
      await this.audit.record(null, ids.map((id) => ({ action: 'proposal.expired', entityType: 'proposal', entityId: id })));
      return ids.length;
    });
  }

  /** Daily: both sides, and the student on her own account, hear once that an open proposal expires within two days. */
  async remindExpiring(now = this.clock.now()): Promise<number> {
    return this.transactions.run(async () => {
      const ids = await this.proposals.lockUnremindedExpiringBefore(new Date(now.getTime() + REMIND_BEFORE_MS));
      if (!ids.length) return 0;
      await this.proposals.markReminded(ids, now);
      await this.events.emit(MatchingEvent.PROPOSAL_EXPIRING, ids.map((proposalId) => ({ proposalId })));
      return ids.length;
    });
  }
}
