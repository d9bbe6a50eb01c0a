import type { Actor } from '../../common/auth/roles';
import type { OrganizationEntity } from './organization.entity';
import type { UserEntity } from './user.entity';

/** A user of an organization as the actor that access rules judge. */
export function actorOf(user: UserEntity, organization: OrganizationEntity): Actor {
  return {
    userId: user.id,
    organizationId: organization.id,
    organizationType: organization.type,
    membershipRole: user.role,
    ...(user.studentId ? { studentId: user.studentId } : {}),
  };
}
