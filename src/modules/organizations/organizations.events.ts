import { Injectable } from '@nestjs/common';
import { MembershipRole } from '../../common/auth/roles';
import { announceEach, defineEvents, type EventSource, inPayloadOrder } from '../events/event-definition';
import { RegistersEvents } from '../events/event-registry';
import { userContacts } from './organizations.repository';

export const OrganizationEvent = { USER_ADDED: 'USER_ADDED' } as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    USER_ADDED: { userId: string };
  }
}

/** A new user: her organization's admins hear of it. */
@RegistersEvents()
@Injectable()
export class OrganizationEvents implements EventSource {
  readonly events = defineEvents(OrganizationEvent, {
    USER_ADDED: {
      payload: ['userId'],
      announce: async (payloads, { db }) => {
        const ids = payloads.map((payload) => payload.userId);
        const users = await userContacts(db, ids);
        return announceEach(inPayloadOrder(users, ids), (user) => ({
          organizationIds: [user.organization_id],
          role: MembershipRole.ADMIN,
          message: {
            nl: { subject: `Nieuwe gebruiker: ${user.name}`, text: `${user.name} (${user.email}) is toegevoegd aan uw organisatie.` },
            en: { subject: `New user: ${user.name}`, text: `${user.name} (${user.email}) was added to your organization.` },
          },
        }));
      },
    },
  });
}
