import { type Actor, hasRole, MembershipRole, Role } from '../../common/auth/roles';
import { ForbiddenError } from '../../common/errors/domain-errors';

/** An organization's sign-in is managed by its own admins and by the operator (PLATFORM admins), nobody else. */
export function assertMayManageSso(actor: Actor, organizationId: string): void {
  if (hasRole(actor, Role.PLATFORM_ADMIN)) return;
  if (actor.organizationId === organizationId && actor.membershipRole === MembershipRole.ADMIN) return;
  throw new ForbiddenError("Only the organization's admins and the operator manage its single sign-on");
}
