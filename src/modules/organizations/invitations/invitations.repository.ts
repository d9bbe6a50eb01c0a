import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { type Connection, type ConnectionArgs, paginate } from '../../../common/graphql/pagination';
import { Transactions } from '../../../database/transactions';
import { InvitationEntity } from './invitation.entity';

/** Whether a student can sign in as herself (issue #17); NONE when she was never invited. */
export type StudentAccountStatus = 'NONE' | 'INVITED' | 'EXPIRED' | 'ACTIVE' | 'DEACTIVATED';

/** A new open invitation in the caller's transaction (`openInvitation`, which `npm run org:create` runs outside Nest DI). */
export function insertInvitation(manager: EntityManager, fields: Partial<InvitationEntity>): Promise<InvitationEntity> {
  return manager.save(manager.create(InvitationEntity, fields));
}

/** `invitations`, in the ambient transaction. */
@Injectable()
export class InvitationsRepository {
  constructor(private readonly transactions: Transactions) {}

  private get invitations() {
    return this.transactions.manager.getRepository(InvitationEntity);
  }

  async update(id: string, changes: Partial<Pick<InvitationEntity, 'tokenHash' | 'expiresAt' | 'acceptedAt' | 'userId' | 'revokedAt'>>): Promise<void> {
    await this.invitations.update({ id }, changes);
  }

  /** Neither accepted nor revoked (expired or not), in the organization (null: in any), locked. */
  lockedOpen(organizationId: string | null, id: string): Promise<InvitationEntity | null> {
    const query = this.invitations
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id AND i.accepted_at IS NULL AND i.revoked_at IS NULL', { id });
    if (organizationId) query.andWhere('i.organization_id = :organizationId', { organizationId });
    return query.getOne();
  }

  /** Any invitation of the organization (null: of any), whatever its state. */
  of(organizationId: string | null, id: string): Promise<InvitationEntity | null> {
    return this.invitations.findOneBy(organizationId ? { id, organizationId } : { id });
  }

  /** The open invitation with this token hash, locked (two acceptances at once: the second finds it accepted). */
  lockedOpenByHash(tokenHash: string): Promise<InvitationEntity | null> {
    return this.invitations
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.token_hash = :tokenHash AND i.accepted_at IS NULL AND i.revoked_at IS NULL', { tokenHash })
      .getOne();
  }

  openFor(organizationId: string, email: string): Promise<boolean> {
    return this.invitations.existsBy({ organizationId, email, acceptedAt: IsNull(), revokedAt: IsNull() });
  }

  /** The student's open invitation (neither accepted nor revoked, expired or not), locked. */
  lockedOpenForStudent(studentId: string): Promise<InvitationEntity | null> {
    return this.invitations
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.student_id = :studentId AND i.accepted_at IS NULL AND i.revoked_at IS NULL', { studentId })
      .getOne();
  }

  /**
   * Each student's own account as her school sees it: ACTIVE or DEACTIVATED when she has a user,
   * else INVITED or EXPIRED for an open invitation; students with neither are absent.
   */
  async studentAccounts(studentIds: readonly string[]): Promise<{ studentId: string; status: StudentAccountStatus }[]> {
    return this.transactions.manager.query(
      `SELECT s.student_id AS "studentId",
              CASE WHEN u.id IS NOT NULL THEN CASE WHEN u.deactivated_at IS NULL THEN 'ACTIVE' ELSE 'DEACTIVATED' END
                   WHEN i.expires_at > now() THEN 'INVITED' ELSE 'EXPIRED' END AS status
         FROM unnest($1::uuid[]) AS s(student_id)
         LEFT JOIN users u ON u.student_id = s.student_id
         LEFT JOIN invitations i ON u.id IS NULL AND i.student_id = s.student_id AND i.accepted_at IS NULL AND i.revoked_at IS NULL
        WHERE u.id IS NOT NULL OR i.id IS NOT NULL`,
      [studentIds],
    );
  }

  listOf(organizationId: string, args: ConnectionArgs): Promise<Connection<InvitationEntity>> {
    const query = this.invitations
      .createQueryBuilder('invitation')
      .where('invitation.organizationId = :organizationId', { organizationId })
      .orderBy('invitation.createdAt', 'DESC')
      .addOrderBy('invitation.id');
    return paginate(query, args);
  }
}
