import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/roles';
import { ownedOrNotFound } from '../../common/errors/domain-errors';
import { Transactions } from '../../database/transactions';
import { InternshipEntity } from './internship.entity';
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
