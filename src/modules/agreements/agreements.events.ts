import { Injectable } from '@nestjs/common';
import { MembershipRole } from '../../common/auth/roles';
import { type AnnounceContext, type Announcement, defineEvents, type EventSource, inPayloadOrder, type Message } from '../events/event-definition';
import { RegistersEvents } from '../events/event-registry';
import { organizationNames } from '../organizations/organizations.facts';
import { type AgreementParties, agreementParties } from './agreements.repository';

export const AgreementEvent = {
  AGREEMENT_PROPOSED: 'AGREEMENT_PROPOSED',
  AGREEMENT_SIGNED: 'AGREEMENT_SIGNED',
  AGREEMENT_EXPIRING: 'AGREEMENT_EXPIRING',
  AGREEMENT_UNSIGNED: 'AGREEMENT_UNSIGNED',
  AGREEMENT_UNDER_FULFILLED: 'AGREEMENT_UNDER_FULFILLED',
} as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    AGREEMENT_PROPOSED: { agreementId: string };
    AGREEMENT_SIGNED: { agreementId: string };
    /** `days`: 90 or 30 before the end of the term. */
    AGREEMENT_EXPIRING: { agreementId: string; days: string };
    AGREEMENT_UNSIGNED: { agreementId: string };
    AGREEMENT_UNDER_FULFILLED: { agreementId: string; schoolYear: string; crebo: string; offered: string; committed: string };
  }
}

interface AgreementFacts extends AgreementParties {
  school: string;
  company: string;
}

/** An agreement concerns both parties' admins. */
const toBothAdmins =
  <P extends { agreementId: string }>(message: (facts: AgreementFacts, payload: P) => Message) =>
  async (payloads: P[], { db }: AnnounceContext): Promise<(Announcement | Error)[]> => {
    const ids = payloads.map((payload) => payload.agreementId);
    const rows = await agreementParties(db, ids);
    const names = await organizationNames(db, rows.flatMap((row) => [row.school_id, row.company_id]));
    const agreements = inPayloadOrder(rows.map((row) => ({ ...row, school: names.get(row.school_id) ?? '-', company: names.get(row.company_id) ?? '-' })), ids);
    return agreements.map((facts, index) =>
      facts instanceof Error ? facts : { organizationIds: [facts.school_id, facts.company_id], role: MembershipRole.ADMIN, message: message(facts, payloads[index]) },
    );
  };

@RegistersEvents()
@Injectable()
export class AgreementEvents implements EventSource {
  readonly events = defineEvents(AgreementEvent, {
    AGREEMENT_PROPOSED: {
      payload: ['agreementId'],
      announce: toBothAdmins((a) => ({
        nl: { subject: `Samenwerkingsovereenkomst voorgesteld`, text: `De overeenkomst tussen ${a.school} en ${a.company} (versie ${a.version}) wacht op ondertekening.` },
        en: { subject: `Agreement proposed`, text: `The agreement between ${a.school} and ${a.company} (version ${a.version}) awaits signatures.` },
      })),
    },
    AGREEMENT_SIGNED: {
      payload: ['agreementId'],
      announce: toBothAdmins((a) => ({
        nl: { subject: `Samenwerkingsovereenkomst ondertekend`, text: `Beide partijen hebben versie ${a.version} van de overeenkomst tussen ${a.school} en ${a.company} ondertekend.` },
        en: { subject: `Agreement signed`, text: `Both parties signed version ${a.version} of the agreement between ${a.school} and ${a.company}.` },
      })),
    },
    AGREEMENT_EXPIRING: {
      payload: ['agreementId', 'days'],
      announce: toBothAdmins<{ agreementId: string; days: string }>((a, { days }) => ({
        nl: { subject: `Overeenkomst loopt af over ${days} dagen`, text: `De overeenkomst tussen ${a.school} en ${a.company} loopt af op ${a.end_date}. Verleng of vernieuw haar op tijd.` },
        en: { subject: `Agreement ends in ${days} days`, text: `The agreement between ${a.school} and ${a.company} ends on ${a.end_date}. Renew it in time.` },
      })),
    },
    AGREEMENT_UNSIGNED: {
      payload: ['agreementId'],
      announce: toBothAdmins((a) => ({
        nl: {
          subject: `Overeenkomst nog niet ondertekend`,
          text: `Versie ${a.version} van de overeenkomst tussen ${a.school} en ${a.company} is al 14 dagen voorgesteld maar niet door beide partijen ondertekend.`,
        },
        en: { subject: `Agreement still unsigned`, text: `Version ${a.version} of the agreement between ${a.school} and ${a.company} was proposed 14 days ago and is not signed by both parties.` },
      })),
    },
    AGREEMENT_UNDER_FULFILLED: {
      payload: ['agreementId', 'schoolYear', 'crebo', 'offered', 'committed'],
      announce: toBothAdmins<{ agreementId: string; schoolYear: string; crebo: string; offered: string; committed: string }>((a, { schoolYear, crebo, offered, committed }) => ({
        nl: {
          subject: `Minder plaatsen aangeboden dan afgesproken (crebo ${crebo})`,
          text: `${a.company} heeft voor schooljaar ${schoolYear}/${Number(schoolYear) + 1} en crebo ${crebo} ${offered} van de ${committed} afgesproken plaatsen aangeboden (overeenkomst met ${a.school}).`,
        },
        en: {
          subject: `Fewer places offered than committed (crebo ${crebo})`,
          text: `${a.company} offered ${offered} of the ${committed} places committed for school year ${schoolYear}/${Number(schoolYear) + 1} and crebo ${crebo} (agreement with ${a.school}).`,
        },
      })),
    },
  });
}
