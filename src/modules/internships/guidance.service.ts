import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { inTransaction } from '../../database/transaction';
import { dutchToday } from '../../queues/daily-run';
import { MIN_CONTACTS_AT_MIDPOINT } from '../compliance/guidance';
import { Events } from '../events/events';
import { InternshipEvent } from './internships.events';
import { ContactMomentEntity } from './contact-moment.entity';
import type { LogContactMomentInput } from './dto/guidance.input';
import { lockPartyInternship } from './internship-access';

@Injectable()
export class GuidanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: Events,
  ) {}

  /** The school or the company logs a contact moment of one of its internships (R17). */
  async log(actor: Actor, internshipId: string, input: LogContactMomentInput, today = dutchToday()): Promise<ContactMomentEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const internship = await lockPartyInternship(manager, actor, internshipId);
      if (input.date > today) throw BadUserInputError.field('input.date', 'a contact moment cannot be dated in the future', 'R17');
      if (input.date < internship.startDate || input.date > internship.endDate) {
        throw BadUserInputError.field('input.date', `the contact must fall in the internship, ${internship.startDate} to ${internship.endDate}`, 'R17');
      }
      const contact = await manager.save(
        manager.create(ContactMomentEntity, { ...input, notes: input.notes ?? null, internshipId, loggedByUserId: actor.userId, organizationId: actor.organizationId }),
      );
      await recordAudit(manager, actor, { action: 'contact_moment.logged', entityType: 'internship', entityId: internshipId, after: contact });
      return contact;
    });
  }

  /** Daily: active internships past their midpoint with fewer than two contacts; both parties hear once. */
  async alertAtMidpoint(today: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const [behind] = await manager.query<[{ id: string }[], number]>(
        `UPDATE internships i SET midpoint_alert_sent_at = now()
          WHERE i.status = 'ACTIVE' AND i.midpoint_alert_sent_at IS NULL
            AND i.start_date + (i.end_date - i.start_date) / 2 <= $1::date
            AND (SELECT count(*) FROM contact_moments c WHERE c.internship_id = i.id) < $2
          RETURNING i.id`,
        [today, MIN_CONTACTS_AT_MIDPOINT],
      );
      await this.events.emit(InternshipEvent.GUIDANCE_BEHIND, behind.map(({ id }) => ({ internshipId: id })));
    });
  }
}
