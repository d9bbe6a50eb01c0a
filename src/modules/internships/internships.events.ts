import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../database/prepared-queries';
import { announceEach, defineEvents, type EventSource, inPayloadOrder } from '../events/event-definition';
import { RegistersEvents } from '../events/event-registry';
import { placementSummaries } from '../placements/placements.facts';

export const InternshipEvent = { GUIDANCE_BEHIND: 'GUIDANCE_BEHIND', INTERNSHIP_TERMINATED: 'INTERNSHIP_TERMINATED' } as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    GUIDANCE_BEHIND: { internshipId: string };
    INTERNSHIP_TERMINATED: { internshipId: string };
  }
}

interface InternshipFacts {
  id: string;
  school_id: string;
  company_id: string;
  placement_id: string;
  reason: string | null;
  contacts: number;
  title: string;
}

/** An internship's facts for a message, with its placement's title, in payload order. */
async function internships(db: Queryable, payloads: { internshipId: string }[]): Promise<(InternshipFacts | Error)[]> {
  const ids = payloads.map((payload) => payload.internshipId);
  const rows = await db.query<Omit<InternshipFacts, 'title'>>(
    `SELECT i.id, i.school_id, i.company_id, i.placement_id, concat_ws(': ', i.termination_code::text, i.termination_reason) AS reason,
            (SELECT count(*) FROM contact_moments c WHERE c.internship_id = i.id)::int AS contacts
       FROM internships i WHERE i.id = ANY($1::uuid[])`,
    [ids],
  );
  const titles = new Map((await placementSummaries(db, [...new Set(rows.map((row) => row.placement_id))])).map((p) => [p.id, p.title]));
  return inPayloadOrder(rows.map((row) => ({ ...row, title: titles.get(row.placement_id) ?? '-' })), ids);
}

/** An internship concerns its school and its company. */
@RegistersEvents()
@Injectable()
export class InternshipEvents implements EventSource {
  readonly events = defineEvents(InternshipEvent, {
    GUIDANCE_BEHIND: {
      payload: ['internshipId'],
      announce: async (payloads, { db }) =>
        announceEach(await internships(db, payloads), (i) => ({
          organizationIds: [i.school_id, i.company_id],
          message: {
            nl: {
              subject: `Begeleiding loopt achter: ${i.title}`,
              text: `Halverwege de stage "${i.title}" zijn ${i.contacts} contactmomenten vastgelegd; plan er nog minstens ${3 - i.contacts}, waarvan één op locatie (R17).`,
            },
            en: {
              subject: `Guidance behind: ${i.title}`,
              text: `Halfway through the internship "${i.title}", ${i.contacts} contact moments are logged; plan at least ${3 - i.contacts} more, one on site (R17).`,
            },
          },
        })),
    },
    INTERNSHIP_TERMINATED: {
      payload: ['internshipId'],
      announce: async (payloads, { db }) =>
        announceEach(await internships(db, payloads), (i) => ({
          organizationIds: [i.school_id, i.company_id],
          message: {
            nl: { subject: `Stage voortijdig beëindigd: ${i.title}`, text: `De stage "${i.title}" is beëindigd. Reden: ${i.reason}. De student krijgt voorrang in de volgende matchronde.` },
            en: { subject: `Internship ended early: ${i.title}`, text: `The internship "${i.title}" was ended. Reason: ${i.reason}. The student gets priority in the next match round.` },
          },
        })),
    },
  });
}
