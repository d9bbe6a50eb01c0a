import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/roles';
import { NotFoundError } from '../../common/errors/domain-errors';
import { InternshipEntity } from './internship.entity';

/** An internship of the actor's school or company, row-locked for the transaction; NOT_FOUND for anyone else. */
export async function lockPartyInternship(manager: EntityManager, actor: Actor, internshipId: string): Promise<InternshipEntity> {
  const internship = await manager.findOne(InternshipEntity, { where: { id: internshipId }, lock: { mode: 'pessimistic_write' } });
  if (!internship || (internship.schoolId !== actor.organizationId && internship.companyId !== actor.organizationId)) {
    throw new NotFoundError('Internship', internshipId);
  }
  return internship;
}
