import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/roles';
import { ownedOrNotFound } from '../../common/errors/domain-errors';
import { Transactions } from '../../database/transactions';
import type { SelectQueryBuilder } from 'typeorm';
import { InternshipEntity, type InternshipStatus } from './internship.entity';
import { InternshipsPolicy } from './internships.policy';

/** Internships' own table access; joins the ambient transaction. */
@Injectable()
export class InternshipsRepository {
  constructor(private readonly transactions: Transactions) {}

  /**
   * An internship of the actor's school or company, row-locked for the transaction; NOT_FOUND for
   * anyone else. `what` is the object the client named (a POK is reached through its internship,
   * and another party's POK must answer exactly as an unknown POK id, without naming the internship).
   */
  async lockForParty(actor: Actor, internshipId: string, what = 'Internship'): Promise<InternshipEntity> {
    const internship = await this.transactions.manager.findOne(InternshipEntity, { where: { id: internshipId }, lock: { mode: 'pessimistic_write' } });
    return ownedOrNotFound(what, internship, { visible: (found) => InternshipsPolicy.isParty(actor, found) });
  }

  /** An internship the actor is a party to; NOT_FOUND for anyone else, as for an unknown id. */
  async findForParty(actor: Actor, internshipId: string): Promise<InternshipEntity> {
    const internship = await this.transactions.manager.findOneBy(InternshipEntity, { id: internshipId });
    return ownedOrNotFound('Internship', internship, { visible: (found) => InternshipsPolicy.isParty(actor, found) });
  }

  /** The internships of the actor's side (her school's, or the company's), filtered by status. */
  listQuery(actor: Actor, status?: InternshipStatus): SelectQueryBuilder<InternshipEntity> {
    const query = this.transactions.manager
      .getRepository(InternshipEntity)
      .createQueryBuilder('internship')
      .where(`internship.${InternshipsPolicy.sideColumn(actor)} = :org`, { org: actor.organizationId });
    if (status) query.andWhere('internship.status = :status', { status });
    return query;
  }

  /** The seat the student holds (a planned or active internship), if any. */
  seatOf(studentId: string): Promise<Pick<InternshipEntity, 'id' | 'status' | 'placementId'> | null> {
    return this.transactions.manager
      .getRepository(InternshipEntity)
      .createQueryBuilder('i')
      .select(['i.id', 'i.status', 'i.placementId'])
      .where('i.studentId = :studentId AND i.status IN (:...statuses)', { studentId, statuses: ['PLANNED', 'ACTIVE'] })
      .getOne();
  }
}
