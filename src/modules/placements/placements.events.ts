import { Injectable } from '@nestjs/common';
import { announceEach, defineEvents, type EventSource, inPayloadOrder, type Message } from '../events/event-definition';
import { RegistersEvents } from '../events/event-registry';
import type { Queryable } from '../../database/prepared-queries';
import { placementSummaries } from './placements.facts';

export const PlacementEvent = { PLACEMENT_PUBLISHED: 'PLACEMENT_PUBLISHED', PLACEMENT_CLOSED: 'PLACEMENT_CLOSED', PLACEMENT_SUSPENDED: 'PLACEMENT_SUSPENDED' } as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    PLACEMENT_PUBLISHED: { placementId: string };
    PLACEMENT_CLOSED: { placementId: string };
    PLACEMENT_SUSPENDED: { placementId: string };
  }
}

/**
 * A placement's company hears of its status changes; of a suspension for the Stagepact's rules (R2)
 * the schools linked to it hear too.
 */
const toCompany = (message: (title: string) => Message) => async (payloads: { placementId: string }[], { db }: { db: Queryable }) => {
  const ids = payloads.map((payload) => payload.placementId);
  return announceEach(inPayloadOrder(await placementSummaries(db, ids), ids), (placement) => ({
    organizationIds: [placement.company_id],
    message: message(placement.title),
  }));
};

@RegistersEvents()
@Injectable()
export class PlacementEvents implements EventSource {
  readonly events = defineEvents(PlacementEvent, {
    PLACEMENT_PUBLISHED: {
      payload: ['placementId'],
      announce: toCompany((title) => ({
        nl: { subject: `Stageplaats gepubliceerd: ${title}`, text: `De stageplaats "${title}" staat nu open voor studenten.` },
        en: { subject: `Placement published: ${title}`, text: `The placement "${title}" is now open to students.` },
      })),
    },
    PLACEMENT_CLOSED: {
      payload: ['placementId'],
      announce: toCompany((title) => ({
        nl: { subject: `Stageplaats gesloten: ${title}`, text: `De stageplaats "${title}" is gesloten.` },
        en: { subject: `Placement closed: ${title}`, text: `The placement "${title}" was closed.` },
      })),
    },
    PLACEMENT_SUSPENDED: {
      payload: ['placementId'],
      announce: async (payloads, { db, schoolsLinkedTo }) => {
        const ids = payloads.map((payload) => payload.placementId);
        const [placements, schools] = await Promise.all([placementSummaries(db, ids), schoolsLinkedTo('placement', ids)]);
        return announceEach(inPayloadOrder(placements, ids), ({ id, company_id, title }) => ({
          organizationIds: [company_id, ...(schools.get(id) ?? [])],
          message: {
            nl: {
              subject: `Stageplaats opgeschort: ${title}`,
              text: `De stageplaats "${title}" voldoet niet meer aan de regels van het Stagepact en is opgeschort. Bekijk de bevindingen en pas de stageplaats aan.`,
            },
            en: {
              subject: `Placement suspended: ${title}`,
              text: `The placement "${title}" no longer meets the Stagepact rules and was suspended. Review its findings and fix the placement.`,
            },
          },
        }));
      },
    },
  });
}
