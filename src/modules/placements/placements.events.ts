import { Injectable } from '@nestjs/common';
import { announceEach, defineEvents, type EventSource, inPayloadOrder, type Message } from '../events/event-definition';
import { RegistersEvents } from '../events/event-registry';
import type { Queryable } from '../../database/prepared-queries';
import { placementSummaries } from './placements.facts';

export const PlacementEvent = { PLACEMENT_PUBLISHED: 'PLACEMENT_PUBLISHED', PLACEMENT_CLOSED: 'PLACEMENT_CLOSED' } as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    PLACEMENT_PUBLISHED: { placementId: string };
    PLACEMENT_CLOSED: { placementId: string };
  }
}

/** A placement's company hears of its status changes. */
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
  });
}
