import { Injectable } from '@nestjs/common';
import { announceEach, defineEvents, type EventSource, inPayloadOrder } from '../events/event-definition';
import { RegistersEvents } from '../events/event-registry';
import { placementSummaries } from '../placements/placements.facts';

export const ComplianceEvent = { PLACEMENT_SUSPENDED: 'PLACEMENT_SUSPENDED' } as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    PLACEMENT_SUSPENDED: { placementId: string };
  }
}

/** A placement suspended for the Stagepact's rules: its company and the schools linked to it hear of it. */
@RegistersEvents()
@Injectable()
export class ComplianceEvents implements EventSource {
  readonly events = defineEvents(ComplianceEvent, {
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
