import { Injectable } from '@nestjs/common';
import { MembershipRole } from '../../common/auth/roles';
import type { Queryable } from '../../database/prepared-queries';
import { type AnnounceContext, type Announcement, defineEvents, type EventSource, inPayloadOrder, type Message } from '../events/event-definition';
import { RegistersEvents } from '../events/event-registry';
import { organizationNames, sbbOrganizationIds } from '../organizations/organizations.facts';
import { accreditationsForMessages } from './companies.repository';

export const CompanyEvent = {
  ACCREDITATION_GRANTED: 'ACCREDITATION_GRANTED',
  ACCREDITATION_REVOKED: 'ACCREDITATION_REVOKED',
  ACCREDITATION_LAPSED: 'ACCREDITATION_LAPSED',
  ACCREDITATION_REVIEW_DUE: 'ACCREDITATION_REVIEW_DUE',
} as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    ACCREDITATION_GRANTED: { accreditationId: string };
    ACCREDITATION_REVOKED: { accreditationId: string };
    ACCREDITATION_LAPSED: { accreditationId: string };
    /** `dueOn`: the review due date announced (R3), YYYY-MM-DD. */
    ACCREDITATION_REVIEW_DUE: { accreditationId: string; dueOn: string };
  }
}

interface AccreditationFacts {
  id: string;
  company_id: string;
  crebo: string;
  company: string;
  branch: string;
  reason: string | null;
  lapse_reason: string | null;
  lapsed_on: string | null;
  valid_until: string | null;
}

async function accreditations(db: Queryable, payloads: { accreditationId: string }[]): Promise<(AccreditationFacts | Error)[]> {
  const ids = payloads.map((payload) => payload.accreditationId);
  const rows = await accreditationsForMessages<Omit<AccreditationFacts, 'company'>>(db, ids);
  const names = await organizationNames(db, rows.map((row) => row.company_id));
  return inPayloadOrder(rows.map((row) => ({ ...row, company: names.get(row.company_id) ?? '-' })), ids);
}

/** A grant or revocation concerns the company and the schools linked to it. */
const toCompanyAndSchools =
  (message: (facts: AccreditationFacts) => Message) =>
  async (payloads: { accreditationId: string }[], { db, schoolsLinkedTo }: AnnounceContext): Promise<(Announcement | Error)[]> => {
    const facts = await accreditations(db, payloads);
    const found = facts.filter((row): row is AccreditationFacts => !(row instanceof Error));
    const schools = await schoolsLinkedTo('company', found.map((row) => row.company_id));
    return facts.map((row) => (row instanceof Error ? row : { organizationIds: [row.company_id, ...(schools.get(row.company_id) ?? [])], message: message(row) }));
  };

/** An accreditation's lifecycle (R3) concerns the company's admins and everyone at SBB. */
const toAdminsAndSbb =
  <P extends { accreditationId: string }>(message: (facts: AccreditationFacts, payload: P) => Message) =>
  async (payloads: P[], { db }: AnnounceContext): Promise<(Announcement | Error)[]> => {
    const [facts, sbb] = await Promise.all([accreditations(db, payloads), sbbOrganizationIds(db)]);
    return facts.map((row, index) =>
      row instanceof Error ? row : { organizationIds: [row.company_id], role: MembershipRole.ADMIN, everyoneIn: sbb, message: message(row, payloads[index]) },
    );
  };

@RegistersEvents()
@Injectable()
export class CompanyEvents implements EventSource {
  readonly events = defineEvents(CompanyEvent, {
    ACCREDITATION_GRANTED: {
      payload: ['accreditationId'],
      announce: toCompanyAndSchools((a) => ({
        nl: { subject: `Erkenning verleend: crebo ${a.crebo}`, text: `SBB heeft ${a.company} (${a.branch}) erkend voor crebo ${a.crebo}.` },
        en: { subject: `Accreditation granted: crebo ${a.crebo}`, text: `SBB accredited ${a.company} (${a.branch}) for crebo ${a.crebo}.` },
      })),
    },
    ACCREDITATION_REVOKED: {
      payload: ['accreditationId'],
      announce: toCompanyAndSchools((a) => ({
        nl: {
          subject: `Erkenning ingetrokken: crebo ${a.crebo}`,
          text: `SBB heeft de erkenning van ${a.company} (${a.branch}) voor crebo ${a.crebo} ingetrokken. Reden: ${a.reason ?? '-'}.`,
        },
        en: {
          subject: `Accreditation revoked: crebo ${a.crebo}`,
          text: `SBB revoked the accreditation of ${a.company} (${a.branch}) for crebo ${a.crebo}. Reason: ${a.reason ?? '-'}.`,
        },
      })),
    },
    ACCREDITATION_LAPSED: {
      payload: ['accreditationId'],
      announce: toAdminsAndSbb((a) =>
        a.lapse_reason === 'VALIDITY_ENDED'
          ? {
              nl: {
                subject: `Erkenning vervallen: crebo ${a.crebo}`,
                text: `De erkenning van ${a.company} (${a.branch}) voor crebo ${a.crebo} liep tot ${a.valid_until} en is op ${a.lapsed_on} vervallen. Stageplaatsen voor deze crebo zijn opgeschort (R2).`,
              },
              en: {
                subject: `Accreditation lapsed: crebo ${a.crebo}`,
                text: `The accreditation of ${a.company} (${a.branch}) for crebo ${a.crebo} ran until ${a.valid_until} and lapsed on ${a.lapsed_on}. Placements for this crebo are suspended (R2).`,
              },
            }
          : {
              nl: {
                subject: `Erkenning vervallen: crebo ${a.crebo}`,
                text: `De erkenning van ${a.company} (${a.branch}) voor crebo ${a.crebo} is op ${a.lapsed_on} vervallen: vier jaar lang is er geen student begonnen (R3). Vraag bij SBB een nieuwe erkenning aan om weer studenten op te leiden.`,
              },
              en: {
                subject: `Accreditation lapsed: crebo ${a.crebo}`,
                text: `The accreditation of ${a.company} (${a.branch}) for crebo ${a.crebo} lapsed on ${a.lapsed_on}: no student started there in four years (R3). Apply to SBB for a new accreditation to train students again.`,
              },
            },
      ),
    },
    ACCREDITATION_REVIEW_DUE: {
      payload: ['accreditationId', 'dueOn'],
      announce: toAdminsAndSbb<{ accreditationId: string; dueOn: string }>((a, { dueOn }) => ({
        nl: {
          subject: `Herbeoordeling erkenning: crebo ${a.crebo}`,
          text: `De erkenning van ${a.company} (${a.branch}) voor crebo ${a.crebo} moet uiterlijk ${dueOn} door SBB worden herbeoordeeld (eens per vier jaar, R3).`,
        },
        en: {
          subject: `Accreditation review due: crebo ${a.crebo}`,
          text: `The accreditation of ${a.company} (${a.branch}) for crebo ${a.crebo} is due for its SBB review by ${dueOn} (every four years, R3).`,
        },
      })),
    },
  });
}
