import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError, ownedOrNotFound } from '../../common/errors/domain-errors';
import type { EvaluationEntity } from './evaluation.entity';
import { addDays } from '../../common/calendar';
import { Clock } from '../../common/clock/clock';
import { Transactions } from '../../database/transactions';
import { MIN_CONTACTS_AT_MIDPOINT } from '../compliance/guidance';
import { Events } from '../events/events';
import { InternshipEvent } from './internships.events';
import type { ContactMomentEntity } from './contact-moment.entity';
import type { LogContactMomentInput } from './dto/guidance.input';
import { InternshipsRepository } from './internships.repository';

/** How many days ahead a student is reminded that her internship starts (issue #17). */
export const START_REMINDER_DAYS = 3;

@Injectable()
export class GuidanceService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly internships: InternshipsRepository,
    private readonly clock: Clock,
    private readonly events: Events,
  ) {}

  /** The school or the company logs a contact moment of one of its internships (R17). */
  async log(actor: Actor, internshipId: string, input: LogContactMomentInput, today = this.clock.today()): Promise<ContactMomentEntity> {
    return this.transactions.run(async () => {
      const internship = await this.internships.lockForParty(actor, internshipId);
      if (input.date > today) throw BadUserInputError.field('input.date', 'a contact moment cannot be dated in the future', 'R17');
      if (input.date < internship.startDate || input.date > internship.endDate) {
        throw BadUserInputError.field('input.date', `the contact must fall in the internship, ${internship.startDate} to ${internship.endDate}`, 'R17');
      }
      const contact = await this.internships.insertContactMoment({ ...input, notes: input.notes ?? null, internshipId, loggedByUserId: actor.userId, organizationId: actor.organizationId });
      await this.audit.record(actor, { action: 'contact_moment.logged', entityType: 'internship', entityId: internshipId, after: contact });
      return contact;
    });
  }

  /** Daily: active internships past their midpoint with fewer than two contacts; both parties hear once. */
  /** One contact moment (node(id)), for its internship's parties; else NOT_FOUND. */
  async findContactMoment(actor: Actor, id: string): Promise<ContactMomentEntity> {
    const moment = await this.internships.contactMoment(id);
    const readable = moment && (await this.internships.findForParty(actor, moment.internshipId).then(() => true, () => false));
    return ownedOrNotFound('Contact moment', readable ? moment : null);
  }

  /** One end evaluation (node(id)), for its internship's parties; else NOT_FOUND. */
  async findEvaluation(actor: Actor, id: string): Promise<EvaluationEntity> {
    const evaluation = await this.internships.evaluation(id);
    const readable = evaluation && (await this.internships.findForParty(actor, evaluation.internshipId).then(() => true, () => false));
    return ownedOrNotFound('Internship evaluation', readable ? evaluation : null);
  }

  /** Tells each student, once, that her internship starts within START_REMINDER_DAYS days (issue #17). */
  async remindOfStart(today: string): Promise<void> {
    await this.transactions.run(async () => {
      const starting = await this.internships.markStartReminded(today, addDays(today, START_REMINDER_DAYS));
      await this.events.emit(InternshipEvent.INTERNSHIP_STARTING, starting.map((id) => ({ internshipId: id })));
    });
  }

  async alertAtMidpoint(today: string): Promise<void> {
    await this.transactions.run(async () => {
      const behind = await this.internships.markBehindAtMidpoint(today, MIN_CONTACTS_AT_MIDPOINT);
      await this.events.emit(InternshipEvent.GUIDANCE_BEHIND, behind.map((id) => ({ internshipId: id })));
    });
  }
}
