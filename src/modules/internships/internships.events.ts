import { Injectable } from '@nestjs/common';
import type { Queryable } from '../../database/prepared-queries';
import { type Announcement, announceEach, defineEvents, type EventSource, inPayloadOrder, type Message } from '../events/event-definition';
import { RegistersEvents } from '../events/event-registry';
import { organizationNames } from '../organizations/organizations.facts';
import { placementSummaries } from '../placements/placements.facts';
import { studentNamesForSchool } from '../students/students.facts';
import { hourWeeksForMessages } from './hours/hours.repository';
import { internshipsForMessages, poksForMessages, registrationsForMessages } from './internships.repository';

export const InternshipEvent = {
  GUIDANCE_BEHIND: 'GUIDANCE_BEHIND',
  INTERNSHIP_TERMINATED: 'INTERNSHIP_TERMINATED',
  /** A school registered a self-found internship: the company is asked to confirm or decline (issue #16). */
  INTERNSHIP_REQUESTED: 'INTERNSHIP_REQUESTED',
  /** The company confirmed a self-found internship: PLANNED, with its POK (issue #16). */
  INTERNSHIP_CONFIRMED: 'INTERNSHIP_CONFIRMED',
  /** The company declined a self-found internship with a reason code (R21). */
  INTERNSHIP_DECLINED: 'INTERNSHIP_DECLINED',
  /** One side withdrew a self-found request before the company answered: the other side is told. */
  INTERNSHIP_REQUEST_WITHDRAWN: 'INTERNSHIP_REQUEST_WITHDRAWN',
  /** A POK version awaits signatures (R8): each side that still has to sign is told, with a link; the student too, on her own account, when hers is awaited (issue #17). */
  POK_SIGNATURES_AWAITED: 'POK_SIGNATURES_AWAITED',
  /** A student registered a self-found internship herself: her school is asked to approve it (issue #17). */
  INTERNSHIP_AWAITING_SCHOOL: 'INTERNSHIP_AWAITING_SCHOOL',
  /** Her school rejected a self-found internship she registered herself: she is told why (issue #17). */
  INTERNSHIP_REJECTED_BY_SCHOOL: 'INTERNSHIP_REJECTED_BY_SCHOOL',
  /** The company rejected a week of her hours with a comment: she is told, on her own account (issue #17). */
  HOURS_REJECTED: 'HOURS_REJECTED',
  /** Her internship starts within a few days: she is told, on her own account, once (issue #17). */
  INTERNSHIP_STARTING: 'INTERNSHIP_STARTING',
} as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    GUIDANCE_BEHIND: { internshipId: string };
    INTERNSHIP_TERMINATED: { internshipId: string };
    INTERNSHIP_REQUESTED: { registrationId: string };
    INTERNSHIP_CONFIRMED: { registrationId: string };
    INTERNSHIP_DECLINED: { registrationId: string };
    /** `by`: the organization that withdrew it. */
    INTERNSHIP_REQUEST_WITHDRAWN: { registrationId: string; by: string };
    POK_SIGNATURES_AWAITED: { pokId: string };
    INTERNSHIP_AWAITING_SCHOOL: { registrationId: string };
    INTERNSHIP_REJECTED_BY_SCHOOL: { registrationId: string };
    HOURS_REJECTED: { internshipId: string; weekId: string };
    INTERNSHIP_STARTING: { internshipId: string };
  }
}

interface InternshipFacts {
  id: string;
  school_id: string;
  company_id: string;
  placement_id: string | null;
  registration_id: string | null;
  code: string | null;
  reason: string | null;
  contacts: number;
  student_id: string;
  start_date: string;
  title: string;
  /** Her name: only ever put in a message to her own school. */
  student: string;
}

/** The same news for both sides: the school's text names its student, the company's does not. */
const bothSides = (i: InternshipFacts, message: (who: string) => Message): Announcement[] => [
  { organizationIds: [i.company_id], message: message('') },
  { organizationIds: [i.school_id], message: message(` (${i.student})`) },
];

/** A self-found internship's own title: no placement, so its crebo at its branch. */
const selfFoundTitle = (crebo: string, company: string) => `${company}, crebo ${crebo}`;

/** An internship's facts for a message, with its placement's title (or, self-found, its company and crebo), in payload order. */
async function internships(db: Queryable, payloads: { internshipId: string }[]): Promise<(InternshipFacts | Error)[]> {
  const ids = payloads.map((payload) => payload.internshipId);
  const rows = await internshipsForMessages<Omit<InternshipFacts, 'title' | 'student'> & { crebo: string }>(db, ids);
  const titles = new Map((await placementSummaries(db, [...new Set(rows.flatMap((row) => (row.placement_id ? [row.placement_id] : [])))])).map((p) => [p.id, p.title]));
  const companies = await organizationNames(db, [...new Set(rows.map((row) => row.company_id))]);
  const students = await studentNamesForSchool(db, rows.map((row) => row.student_id));
  return inPayloadOrder(
    rows.map((row) => ({
      ...row,
      title: (row.placement_id && titles.get(row.placement_id)) || selfFoundTitle(row.crebo, companies.get(row.company_id) ?? '-'),
      student: students.get(row.student_id) ?? '-',
    })),
    ids,
  );
}

interface RegistrationFacts {
  id: string;
  school_id: string;
  company_id: string;
  student_id: string;
  internship_id: string | null;
  crebo: string;
  level: number;
  leerweg: string;
  start_date: string;
  end_date: string;
  decline_reason: string | null;
  decline_note: string | null;
  school_rejection_reason: string | null;
  school: string;
  company: string;
  /** Her name: only ever put in a message to her own school. */
  student: string;
}

/** A registration's facts for a message, with the names of both sides and (for her school) of the student. */
async function registrations(db: Queryable, payloads: { registrationId: string }[]): Promise<(RegistrationFacts | Error)[]> {
  const ids = payloads.map((payload) => payload.registrationId);
  const rows = await registrationsForMessages<Omit<RegistrationFacts, 'school' | 'company' | 'student'>>(db, ids);
  const names = await organizationNames(db, [...new Set(rows.flatMap((row) => [row.school_id, row.company_id]))]);
  const students = await studentNamesForSchool(db, rows.map((row) => row.student_id));
  return inPayloadOrder(
    rows.map((row) => ({ ...row, school: names.get(row.school_id) ?? '-', company: names.get(row.company_id) ?? '-', student: students.get(row.student_id) ?? '-' })),
    ids,
  );
}

/** The programme of a request, as a company reads it (no name: it is in the registration itself). */
const programme = (r: RegistrationFacts, nl: boolean) => `crebo ${r.crebo}, ${nl ? 'niveau' : 'level'} ${r.level}, ${r.leerweg}, ${r.start_date} – ${r.end_date}`;

interface PokFacts {
  id: string;
  internship_id: string;
  version: number;
  school_id: string;
  company_id: string;
  student_id: string;
  student: string;
  branch: string;
  crebo: string;
  /** The parties whose signature is still missing on this version (R8). */
  missing: string[];
}

/** A POK version's facts: the parties still to sign (the guardian only when required), in payload order. */
async function poks(db: Queryable, payloads: { pokId: string }[]): Promise<(PokFacts | Error)[]> {
  const ids = payloads.map((payload) => payload.pokId);
  const rows = await poksForMessages<PokFacts>(db, ids);
  return inPayloadOrder(rows, ids);
}

const PARTY_NL: Record<string, string> = { STUDENT: 'de student', SCHOOL: 'de school', GUARDIAN: 'de wettelijk vertegenwoordiger', COMPANY: 'het leerbedrijf' };
const PARTY_EN: Record<string, string> = { STUDENT: 'the student', SCHOOL: 'the school', GUARDIAN: 'the guardian', COMPANY: 'the company' };
const parties = (missing: string[], names: Record<string, string>, and: string) =>
  missing.length > 1 ? `${missing.slice(0, -1).map((party) => names[party]).join(', ')} ${and} ${names[missing.at(-1)!]}` : names[missing[0]];

/** Nobody to tell (everything already signed, or the event is stale): dispatched without a notification. */
const nobody = (message: Message): Announcement => ({ organizationIds: [], message });

/** An internship concerns its school and its company. */
@RegistersEvents()
@Injectable()
export class InternshipEvents implements EventSource {
  readonly events = defineEvents(InternshipEvent, {
    GUIDANCE_BEHIND: {
      payload: ['internshipId'],
      announce: async (payloads, { db, link }) =>
        (await internships(db, payloads)).map((i) =>
          i instanceof Error
            ? i
            : bothSides(i, (who) => ({
                nl: {
                  subject: `Begeleiding loopt achter: ${i.title}${who}`,
                  text: `Halverwege de stage "${i.title}"${who} zijn ${i.contacts} contactmomenten vastgelegd; plan er nog minstens ${3 - i.contacts}, waarvan één op locatie (R17). ${link(`/internships/${i.id}`)}`,
                },
                en: {
                  subject: `Guidance behind: ${i.title}${who}`,
                  text: `Halfway through the internship "${i.title}"${who}, ${i.contacts} contact moments are logged; plan at least ${3 - i.contacts} more, one on site (R17). ${link(`/internships/${i.id}`)}`,
                },
              })),
        ),
    },
    INTERNSHIP_TERMINATED: {
      payload: ['internshipId'],
      announce: async (payloads, { db, link }) =>
        (await internships(db, payloads)).map((i) => {
          if (i instanceof Error) return i;
          const ended = (who: string): Message => ({
            nl: { subject: `Stage voortijdig beëindigd: ${i.title}${who}`, text: `De stage "${i.title}"${who} is beëindigd. Reden: ${i.reason}. De student krijgt voorrang in de volgende matchronde.` },
            en: { subject: `Internship ended early: ${i.title}${who}`, text: `The internship "${i.title}"${who} was ended. Reason: ${i.reason}. The student gets priority in the next match round.` },
          });
          const [company, school] = bothSides(i, ended);
          if (i.code !== 'DISCRIMINATION') return [company, school];
          // R22: her school is offered the meldpunt, with the internship to file it from.
          const report = link(`/meldpunt/new?internshipId=${i.id}`);
          return [
            company,
            {
              organizationIds: [i.school_id],
              message: {
                nl: { subject: school.message.nl.subject, text: `${school.message.nl.text} Het gaat om discriminatie: maak een melding bij het meldpunt (R22): ${report}` },
                en: { subject: school.message.en.subject, text: `${school.message.en.text} It concerns discrimination: file a report with the meldpunt (R22): ${report}` },
              },
            },
          ];
        }),
    },
    INTERNSHIP_REQUESTED: {
      payload: ['registrationId'],
      announce: async (payloads, { db, link }) =>
        announceEach(await registrations(db, payloads), (r) => ({
          organizationIds: [r.company_id],
          message: {
            nl: {
              subject: `Aanvraag stage: ${r.school}`,
              text: `${r.school} heeft een stage aangemeld die de student zelf bij u vond (${programme(r, true)}). Bevestig de voorwaarden en de praktijkopleider, of wijs af met een reden (R21): ${link(`/internship-registrations/${r.id}`)}`,
            },
            en: {
              subject: `Internship request: ${r.school}`,
              text: `${r.school} registered an internship the student found with you herself (${programme(r, false)}). Confirm the terms and the praktijkopleider, or decline with a reason (R21): ${link(`/internship-registrations/${r.id}`)}`,
            },
          },
        })),
    },
    INTERNSHIP_CONFIRMED: {
      payload: ['registrationId'],
      announce: async (payloads, { db, link }) =>
        announceEach(await registrations(db, payloads), (r) => ({
          organizationIds: [r.school_id],
          message: {
            nl: {
              subject: `Stage bevestigd: ${r.student} bij ${r.company}`,
              text: `${r.company} heeft de stage van ${r.student} bevestigd (${programme(r, true)}). De praktijkovereenkomst staat klaar om te tekenen: ${link(`/internships/${r.internship_id}`)}`,
            },
            en: {
              subject: `Internship confirmed: ${r.student} at ${r.company}`,
              text: `${r.company} confirmed the internship of ${r.student} (${programme(r, false)}). The praktijkovereenkomst is ready to be signed: ${link(`/internships/${r.internship_id}`)}`,
            },
          },
        })),
    },
    INTERNSHIP_DECLINED: {
      payload: ['registrationId'],
      announce: async (payloads, { db, link }) =>
        announceEach(await registrations(db, payloads), (r) => {
          const reason = [r.decline_reason, r.decline_note].filter(Boolean).join(': ');
          return {
            organizationIds: [r.school_id],
            message: {
              nl: { subject: `Stage afgewezen: ${r.student} bij ${r.company}`, text: `${r.company} heeft de stage van ${r.student} afgewezen. Reden (R21): ${reason}. ${link(`/internship-registrations/${r.id}`)}` },
              en: { subject: `Internship declined: ${r.student} at ${r.company}`, text: `${r.company} declined the internship of ${r.student}. Reason (R21): ${reason}. ${link(`/internship-registrations/${r.id}`)}` },
            },
          };
        }),
    },
    INTERNSHIP_REQUEST_WITHDRAWN: {
      payload: ['registrationId', 'by'],
      announce: async (payloads, { db, link }) =>
        announceEach(await registrations(db, payloads), (r, index) =>
          payloads[index].by === r.company_id
            ? {
                organizationIds: [r.school_id],
                message: {
                  nl: { subject: `Aanvraag ingetrokken: ${r.student} bij ${r.company}`, text: `${r.company} heeft de aanvraag voor de stage van ${r.student} ingetrokken. ${link(`/internship-registrations/${r.id}`)}` },
                  en: { subject: `Request withdrawn: ${r.student} at ${r.company}`, text: `${r.company} withdrew the request for the internship of ${r.student}. ${link(`/internship-registrations/${r.id}`)}` },
                },
              }
            : {
                organizationIds: [r.company_id],
                message: {
                  nl: { subject: `Aanvraag ingetrokken: ${r.school}`, text: `${r.school} heeft de aanvraag ingetrokken (${programme(r, true)}).` },
                  en: { subject: `Request withdrawn: ${r.school}`, text: `${r.school} withdrew the request (${programme(r, false)}).` },
                },
              },
        ),
    },
    INTERNSHIP_AWAITING_SCHOOL: {
      payload: ['registrationId'],
      announce: async (payloads, { db, link }) =>
        announceEach(await registrations(db, payloads), (r) => ({
          organizationIds: [r.school_id],
          message: {
            nl: {
              subject: `Zelf gevonden stage goedkeuren: ${r.student}`,
              text: `${r.student} heeft zelf een stageplaats bij ${r.company} aangemeld (${programme(r, true)}). Keur haar aanmelding goed, dan vragen we het leerbedrijf om te bevestigen, of wijs haar af met een reden: ${link(`/internship-registrations/${r.id}`)}`,
            },
            en: {
              subject: `Approve a self-found internship: ${r.student}`,
              text: `${r.student} registered an internship place she found at ${r.company} herself (${programme(r, false)}). Approve it, and the company is asked to confirm, or reject it with a reason: ${link(`/internship-registrations/${r.id}`)}`,
            },
          },
        })),
    },
    INTERNSHIP_REJECTED_BY_SCHOOL: {
      payload: ['registrationId'],
      announce: async (payloads, { db, link }) =>
        announceEach(await registrations(db, payloads), (r) => ({
          organizationIds: [],
          students: [r.student_id],
          message: {
            nl: { subject: `Je aanmelding bij ${r.company} is afgewezen`, text: `Je school heeft je aanmelding van de stage bij ${r.company} (${programme(r, true)}) afgewezen. Reden: ${r.school_rejection_reason}. ${link(`/internship-registrations/${r.id}`)}` },
            en: { subject: `Your registration at ${r.company} was rejected`, text: `Your school rejected your registration of the internship at ${r.company} (${programme(r, false)}). Reason: ${r.school_rejection_reason}. ${link(`/internship-registrations/${r.id}`)}` },
          },
        })),
    },
    POK_SIGNATURES_AWAITED: {
      payload: ['pokId'],
      // Read when dispatched: a side that has signed meanwhile is not told. The school records the
      // student's, the guardian's and its own signature, and reads her name; the company its own.
      announce: async (payloads, { db, link }) =>
        (await poks(db, payloads)).map((k) => {
          if (k instanceof Error) return k;
          const url = link(`/poks/${k.id}`);
          const school = k.missing.filter((party) => party !== 'COMPANY');
          const announcements: Announcement[] = [];
          if (school.length) {
            announcements.push({
              organizationIds: [k.school_id],
              message: {
                nl: {
                  subject: `Praktijkovereenkomst tekenen: ${k.student}`,
                  text: `De praktijkovereenkomst (versie ${k.version}) van ${k.student} bij ${k.branch} wacht op de handtekening van ${parties(school, PARTY_NL, 'en')}; de stage begint pas als alle partijen getekend hebben (R8): ${url}`,
                },
                en: {
                  subject: `Sign the praktijkovereenkomst: ${k.student}`,
                  text: `The praktijkovereenkomst (version ${k.version}) of ${k.student} at ${k.branch} awaits the signature of ${parties(school, PARTY_EN, 'and')}; the internship starts only once every party has signed (R8): ${url}`,
                },
              },
            });
          }
          // Issue #17: she signs herself, on her own account; her own text, in her language.
          if (k.missing.includes('STUDENT')) {
            announcements.push({
              organizationIds: [],
              students: [k.student_id],
              message: {
                nl: {
                  subject: `Je praktijkovereenkomst tekenen: ${k.branch}`,
                  text: `Je praktijkovereenkomst (versie ${k.version}) bij ${k.branch} wacht op jouw handtekening. Lees de afspraken en teken; je stage begint pas als iedereen getekend heeft (R8): ${url}`,
                },
                en: {
                  subject: `Sign your praktijkovereenkomst: ${k.branch}`,
                  text: `Your praktijkovereenkomst (version ${k.version}) at ${k.branch} awaits your signature. Read the terms and sign; your internship starts only once everyone has signed (R8): ${url}`,
                },
              },
            });
          }
          if (k.missing.includes('COMPANY')) {
            announcements.push({
              organizationIds: [k.company_id],
              message: {
                nl: { subject: `Praktijkovereenkomst tekenen: ${k.branch}`, text: `De praktijkovereenkomst (versie ${k.version}, crebo ${k.crebo}) wacht op de handtekening van het leerbedrijf (R8): ${url}` },
                en: { subject: `Sign the praktijkovereenkomst: ${k.branch}`, text: `The praktijkovereenkomst (version ${k.version}, crebo ${k.crebo}) awaits the company's signature (R8): ${url}` },
              },
            });
          }
          return announcements.length ? announcements : nobody({ nl: { subject: '', text: '' }, en: { subject: '', text: '' } });
        }),
    },
    INTERNSHIP_STARTING: {
      payload: ['internshipId'],
      // To her alone, on her own account (issue #17).
      announce: async (payloads, { db, link }) =>
        (await internships(db, payloads)).map((i) =>
          i instanceof Error
            ? i
            : {
                organizationIds: [],
                students: [i.student_id],
                message: {
                  nl: {
                    subject: `Je stage begint op ${i.start_date}: ${i.title}`,
                    text: `Je stage "${i.title}" begint op ${i.start_date}. Je praktijkovereenkomst, je praktijkopleider en de afspraken staan klaar: ${link(`/internships/${i.id}`)}`,
                  },
                  en: {
                    subject: `Your internship starts on ${i.start_date}: ${i.title}`,
                    text: `Your internship "${i.title}" starts on ${i.start_date}. Your POK, your praktijkopleider and the arrangements are ready: ${link(`/internships/${i.id}`)}`,
                  },
                },
              },
        ),
    },
    HOURS_REJECTED: {
      payload: ['internshipId', 'weekId'],
      // To her alone, on her own account (issue #17): her school's and the company's staff do not hear it.
      announce: async (payloads, { db, link }) => {
        const ids = payloads.map((payload) => payload.weekId);
        const rows = await hourWeeksForMessages<{ id: string; internship_id: string; week_start: string; total_hours: number; review_comment: string | null; student_id: string }>(db, ids);
        return announceEach(inPayloadOrder(rows, ids), (w) => ({
          organizationIds: [],
          students: [w.student_id],
          message: {
            nl: {
              subject: `Uren afgekeurd: week van ${w.week_start}`,
              text: `Je praktijkopleider heeft je uren van de week van ${w.week_start} (${w.total_hours} uur) afgekeurd: "${w.review_comment}". Pas ze aan en dien ze opnieuw in: ${link(`/internships/${w.internship_id}/hours`)}`,
            },
            en: {
              subject: `Hours rejected: week of ${w.week_start}`,
              text: `Your praktijkopleider rejected your hours for the week of ${w.week_start} (${w.total_hours} h): "${w.review_comment}". Correct them and submit them again: ${link(`/internships/${w.internship_id}/hours`)}`,
            },
          },
        }));
      },
    },
  });
}
