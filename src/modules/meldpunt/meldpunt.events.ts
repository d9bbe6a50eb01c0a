import { Injectable } from '@nestjs/common';
import { MembershipRole } from '../../common/auth/roles';
import type { Queryable } from '../../database/prepared-queries';
import { announceEach, defineEvents, type EventSource, inPayloadOrder } from '../events/event-definition';
import { RegistersEvents } from '../events/event-registry';
import { organizationNames, sbbOrganizationIds } from '../organizations/organizations.facts';
import { studentNamesForSchool } from '../students/students.facts';
import { GROUND_LABELS } from './grounds';
import { reportsForMessages, reportsForReporter } from './meldpunt.repository';

export const MeldpuntEvent = {
  /** R22: a school put a discrimination report to SBB. */
  DISCRIMINATION_REPORT_ESCALATED: 'DISCRIMINATION_REPORT_ESCALATED',
  /** R22: SBB warned a company after a report; the message names no reporter, school or student. */
  COMPANY_WARNED: 'COMPANY_WARNED',
  /** R22, issue #17: a report the student filed herself took a step; she hears of it on her own account. */
  DISCRIMINATION_REPORT_PROGRESSED: 'DISCRIMINATION_REPORT_PROGRESSED',
} as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    DISCRIMINATION_REPORT_ESCALATED: { reportId: string };
    COMPANY_WARNED: { reportId: string };
    DISCRIMINATION_REPORT_PROGRESSED: { reportId: string };
  }
}

interface ReportFacts {
  id: string;
  company_id: string;
  company: string;
  ground: string;
  sanction_reason: string | null;
  /** Her name, only when she filed the report herself and agreed that the company may know (issue #17). */
  reporter: string | null;
}

/**
 * A discrimination report's facts for a message. Deliberately without the reporting school, the
 * reporting user and the student (R22): a message built from these can go to the company. The one
 * exception is hers to make: a student who filed it herself and set `shareIdentityWithCompany`.
 */
async function reportFacts(db: Queryable, payloads: { reportId: string }[]): Promise<(ReportFacts | Error)[]> {
  const ids = payloads.map((payload) => payload.reportId);
  const rows = await reportsForMessages(db, ids);
  const consenting = rows.map((row) => row.consenting_student_id).filter((id): id is string => id !== null);
  const [names, reporters] = await Promise.all([organizationNames(db, rows.map((row) => row.company_id)), consenting.length ? studentNamesForSchool(db, consenting) : new Map<string, string>()]);
  return inPayloadOrder(
    rows.map(({ consenting_student_id, ...row }) => ({ ...row, company: names.get(row.company_id) ?? '-', reporter: consenting_student_id ? (reporters.get(consenting_student_id) ?? null) : null })),
    ids,
  );
}

/** Where her report is, in her words (R22 statuses after filing). */
const STATUS_TEXT: Record<string, { nl: string; en: string }> = {
  INVESTIGATING: { nl: 'in onderzoek bij het meldpunt van je school', en: 'being investigated by your school\'s meldpunt' },
  RESOLVED: { nl: 'afgehandeld', en: 'resolved' },
  ESCALATED_TO_SBB: { nl: 'door je school aan SBB voorgelegd', en: 'put to SBB by your school' },
  SANCTIONED: { nl: 'afgehandeld: SBB heeft het leerbedrijf een sanctie gegeven', en: 'closed: SBB sanctioned the company' },
};

@RegistersEvents()
@Injectable()
export class MeldpuntEvents implements EventSource {
  readonly events = defineEvents(MeldpuntEvent, {
    DISCRIMINATION_REPORT_ESCALATED: {
      payload: ['reportId'],
      announce: async (payloads, { db }) => {
        const [reports, sbb] = await Promise.all([reportFacts(db, payloads), sbbOrganizationIds(db)]);
        return announceEach(reports, (r) => ({
          organizationIds: sbb,
          message: {
            nl: {
              subject: `Melding van discriminatie voorgelegd: ${r.company}`,
              text: `Een school heeft een melding van discriminatie (${GROUND_LABELS[r.ground].nl}) over ${r.company} aan SBB voorgelegd (R22). Beoordeel de melding: een waarschuwing, intrekking van de erkenning, of afhandelen zonder sanctie.`,
            },
            en: {
              subject: `Discrimination report escalated: ${r.company}`,
              text: `A school put a discrimination report (${GROUND_LABELS[r.ground].en}) about ${r.company} to SBB (R22). Review it: a warning, revocation of the accreditation, or closing it without a sanction.`,
            },
          },
        }));
      },
    },
    // R22, issue #17: to the student who filed it herself, on her own account (to no organization).
    DISCRIMINATION_REPORT_PROGRESSED: {
      payload: ['reportId'],
      announce: async (payloads, { db }) => {
        const ids = payloads.map((payload) => payload.reportId);
        const rows = await reportsForReporter(db, ids);
        const names = await organizationNames(db, rows.map((row) => row.company_id));
        return announceEach(inPayloadOrder(rows, ids), (r) => {
          const company = names.get(r.company_id) ?? '-';
          const status = STATUS_TEXT[r.status] ?? { nl: r.status, en: r.status };
          return {
            organizationIds: [],
            students: r.student_id ? [r.student_id] : [],
            message: {
              nl: { subject: `Je melding over ${company}: ${status.nl}`, text: `Je melding van discriminatie over ${company} is nu ${status.nl} (R22). Je leest de stand van zaken bij je meldingen; het leerbedrijf weet niet dat jij de melding deed, tenzij je daarmee instemde.` },
              en: { subject: `Your report about ${company}: ${status.en}`, text: `Your discrimination report about ${company} is now ${status.en} (R22). You can follow it among your reports; the company does not know you filed it unless you agreed.` },
            },
          };
        });
      },
    },
    // R22: goes to the company; it names no reporter, school or student (reportFacts selects none),
    // unless the student filed it herself and agreed that the company may know (issue #17).
    COMPANY_WARNED: {
      payload: ['reportId'],
      announce: async (payloads, { db }) =>
        announceEach(await reportFacts(db, payloads), (r) => ({
          organizationIds: [r.company_id],
          role: MembershipRole.ADMIN,
          message: {
            nl: {
              subject: `Waarschuwing van SBB: ${r.company}`,
              text: `SBB geeft ${r.company} een waarschuwing na een melding van discriminatie op grond van ${GROUND_LABELS[r.ground].nl}. Toelichting van SBB: ${r.sanction_reason ?? '-'}. Bij herhaling kan SBB de erkenning intrekken.${r.reporter ? ` De melding is gedaan door ${r.reporter}, die ermee instemt dat u dat weet.` : ''}`,
            },
            en: {
              subject: `Warning from SBB: ${r.company}`,
              text: `SBB warns ${r.company} after a report of discrimination on the ground of ${GROUND_LABELS[r.ground].en}. SBB's explanation: ${r.sanction_reason ?? '-'}. If it happens again, SBB may revoke the accreditation.${r.reporter ? ` The report was filed by ${r.reporter}, who agreed that you may know.` : ''}`,
            },
          },
        })),
    },
  });
}
