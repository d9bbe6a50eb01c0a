import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/roles';
import { ownedOrNotFound } from '../../common/errors/domain-errors';
import { InternshipEntity } from './internship.entity';

/**
 * An internship of the actor's school or company, row-locked for the transaction; NOT_FOUND for
 * anyone else. `what` is the object the client named (a POK is reached through its internship,
 * and another party's POK must answer exactly as an unknown POK id, without naming the internship).
 */
export async function lockPartyInternship(manager: EntityManager, actor: Actor, internshipId: string, what = 'Internship'): Promise<InternshipEntity> {
  const internship = await manager.findOne(InternshipEntity, { where: { id: internshipId }, lock: { mode: 'pessimistic_write' } });
  return ownedOrNotFound(what, internship, { visible: ({ schoolId, companyId }) => schoolId === actor.organizationId || companyId === actor.organizationId });
}
