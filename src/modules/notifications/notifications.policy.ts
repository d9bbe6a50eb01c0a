import { type Actor, hasRole, Role } from '../../common/auth/roles';

/**
 * Who sees and changes what in notifications: a user her own notifications and preferences; an
 * organization its own webhook endpoints and deliveries; a PLATFORM admin every organization's
 * deliveries (to retry a dead letter). Another organization's delivery is NOT_FOUND.
 */
export const NotificationsPolicy = {
  seesAllDeliveries(actor: Actor): boolean {
    return hasRole(actor, Role.PLATFORM_ADMIN);
  },

  mayHandleDelivery(actor: Actor, delivery: { organizationId: string }): boolean {
    return delivery.organizationId === actor.organizationId || NotificationsPolicy.seesAllDeliveries(actor);
  },
};
