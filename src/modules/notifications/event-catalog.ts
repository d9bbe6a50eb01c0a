import { MembershipRole } from '../../common/auth/roles';
import type { Queryable } from '../../database/prepared-queries';
import { GROUND_LABELS } from '../meldpunt/grounds';
import type { Language } from '../organizations/user.entity';
import { EventType } from './event-type';

export type Message = Record<Language, { subject: string; text: string }>;

/** Who hears of an event, and what they read (Dutch, or English for users who chose it). */
export interface Announcement {
  organizationIds: string[];
  /** Only users with this role in those organizations; all users when absent. */
  role?: MembershipRole;
  /** Further organizations all of whose users hear it, whatever `role` says (e.g. SBB). */
  everyoneIn?: string[];
  message: Message;
}

/**
 * Resolves a batch of events of one type in a query or two: one announcement per payload, in
 * order, or an Error for an event that cannot be announced (it fails that event alone).
 */
type Resolve = (db: Queryable, payloads: Record<string, string>[]) => Promise<(Announcement | Error)[]>;

/** The rows an event batch refers to (`sql` selects `WHERE id = ANY($1)`), in payload order. */
async function rowsById<T extends { id: string }>(db: Queryable, sql: string, ids: string[]): Promise<(T | Error)[]> {
  const rows = new Map((await db.query<T>(sql, [ids])).map((row) => [row.id, row]));
  return ids.map((id) => rows.get(id) ?? new Error(`event refers to a missing row (${id})`));
}

/** SBB's organizations: all their users hear of what SBB oversees. */
const sbbOrganizations = async (db: Queryable) => (await db.query<{ id: string }>(`SELECT id FROM organizations WHERE type = 'SBB'`, [])).map((row) => row.id);

const announce = <T>(rows: (T | Error)[], announcement: (row: T) => Announcement) => rows.map((row) => (row instanceof Error ? row : announcement(row)));

/**
 * Schools with a student proposed or placed at each company (or placement): an open or accepted
 * proposal, an active internship or a running trainer assignment there.
 */
async function schoolsLinkedTo(db: Queryable, by: 'company_id' | 'placement_id', ids: string[]): Promise<Map<string, string[]>> {
  const rows = await db.query<{ id: string; school_id: string }>(
    `SELECT ${by} AS id, school_id FROM proposals WHERE ${by} = ANY($1::uuid[]) AND status IN ('OPEN', 'ACCEPTED')
     UNION SELECT ${by}, school_id FROM internships WHERE ${by} = ANY($1::uuid[]) AND status IN ('PLANNED', 'ACTIVE')
     UNION SELECT a.${by}, s.school_id FROM trainer_assignments a JOIN students s ON s.id = a.student_id
            WHERE a.${by} = ANY($1::uuid[]) AND a.ended_at IS NULL`,
    [ids],
  );
  const schools = new Map<string, string[]>();
  for (const row of rows) schools.set(row.id, [...(schools.get(row.id) ?? []), row.school_id]);
  return schools;
}

const placementEvent =
  (message: (title: string) => Message, { withSchools = false } = {}): Resolve =>
  async (db, payloads) => {
    const ids = payloads.map((payload) => payload.placementId);
    const placements = await rowsById<{ id: string; company_id: string; title: string }>(db, 'SELECT id, company_id, title FROM placements WHERE id = ANY($1::uuid[])', ids);
    const schools = withSchools ? await schoolsLinkedTo(db, 'placement_id', ids) : new Map<string, string[]>();
    return announce(placements, (placement) => ({
      organizationIds: [placement.company_id, ...(schools.get(placement.id) ?? [])],
      message: message(placement.title),
    }));
  };

interface AccreditationFacts {
  id: string;
  company_id: string;
  crebo: string;
  company: string;
  branch: string;
  reason: string | null;
}

const accreditationEvent =
  (message: (facts: AccreditationFacts) => Message): Resolve =>
  async (db, payloads) => {
    const accreditations = await rowsById<AccreditationFacts>(
      db,
      `SELECT a.id, a.company_id, a.crebo, o.name AS company, b.name AS branch, a.revocation_reason AS reason
         FROM accreditations a JOIN organizations o ON o.id = a.company_id JOIN branches b ON b.id = a.branch_id WHERE a.id = ANY($1::uuid[])`,
      payloads.map((payload) => payload.accreditationId),
    );
    const found = accreditations.filter((facts): facts is AccreditationFacts => !(facts instanceof Error));
    const schools = await schoolsLinkedTo(db, 'company_id', found.map((facts) => facts.company_id));
    return announce(accreditations, (facts) => ({
      organizationIds: [facts.company_id, ...(schools.get(facts.company_id) ?? [])],
      message: message(facts),
    }));
  };

interface AccreditationLifecycleFacts {
  id: string;
  company_id: string;
  crebo: string;
  company: string;
  branch: string;
  lapse_reason: string | null;
  lapsed_on: string | null;
  valid_until: string | null;
}

/** An accreditation's lifecycle (R3) concerns the company's admins and everyone at SBB. */
const accreditationLifecycleEvent =
  (message: (facts: AccreditationLifecycleFacts, payload: Record<string, string>) => Message): Resolve =>
  async (db, payloads) => {
    const accreditations = await rowsById<AccreditationLifecycleFacts>(
      db,
      `SELECT a.id, a.company_id, a.crebo, o.name AS company, b.name AS branch, a.lapse_reason, a.lapsed_on::text AS lapsed_on, a.valid_until::text AS valid_until
         FROM accreditations a JOIN organizations o ON o.id = a.company_id JOIN branches b ON b.id = a.branch_id WHERE a.id = ANY($1::uuid[])`,
      payloads.map((payload) => payload.accreditationId),
    );
    const sbb = await sbbOrganizations(db);
    return accreditations.map((facts, index) =>
      facts instanceof Error
        ? facts
        : { organizationIds: [facts.company_id], role: MembershipRole.ADMIN, everyoneIn: sbb, message: message(facts, payloads[index]) },
    );
  };

interface ProposalFacts {
  id: string;
  company_id: string;
  school_id: string;
  pseudonym: string;
  title: string;
  expires_at: Date;
}

/** A proposal concerns its company (which knows the student by pseudonym only) and her school. */
const proposalEvent =
  (message: (facts: ProposalFacts, by?: string) => Message): Resolve =>
  async (db, payloads) => {
    const proposals = await rowsById<ProposalFacts>(
      db,
      `SELECT o.id, o.company_id, o.school_id, o.pseudonym, p.title, o.expires_at FROM proposals o JOIN placements p ON p.id = o.placement_id WHERE o.id = ANY($1::uuid[])`,
      payloads.map((payload) => payload.proposalId),
    );
    return proposals.map((facts, index) =>
      facts instanceof Error ? facts : { organizationIds: [facts.company_id, facts.school_id], message: message(facts, payloads[index].by) },
    );
  };

interface AgreementFacts {
  id: string;
  school_id: string;
  company_id: string;
  school: string;
  company: string;
  version: number;
  end_date: string;
}

/** An agreement concerns both parties' admins. */
const agreementEvent =
  (message: (facts: AgreementFacts, payload: Record<string, string>) => Message): Resolve =>
  async (db, payloads) => {
    const agreements = await rowsById<AgreementFacts>(
      db,
      `SELECT a.id, a.school_id, a.company_id, s.name AS school, c.name AS company, a.version, a.end_date::text AS end_date
         FROM agreements a JOIN organizations s ON s.id = a.school_id JOIN organizations c ON c.id = a.company_id WHERE a.id = ANY($1::uuid[])`,
      payloads.map((payload) => payload.agreementId),
    );
    return agreements.map((facts, index) =>
      facts instanceof Error ? facts : { organizationIds: [facts.school_id, facts.company_id], role: MembershipRole.ADMIN, message: message(facts, payloads[index]) },
    );
  };

interface ReportFacts {
  id: string;
  company_id: string;
  company: string;
  ground: string;
  sanction_reason: string | null;
}

/**
 * A discrimination report's facts for a message. Deliberately without the reporting school, the
 * reporting user and the student (R22): a message built from these can go to the company.
 */
const reportFacts = (db: Queryable, payloads: Record<string, string>[]) =>
  rowsById<ReportFacts>(
    db,
    `SELECT r.id, r.company_id, c.name AS company, r.ground, r.sanction_reason FROM discrimination_reports r JOIN organizations c ON c.id = r.company_id
      WHERE r.id = ANY($1::uuid[])`,
    payloads.map((payload) => payload.reportId),
  );

const side = (by: string | undefined, nl: boolean) => (by === 'COMPANY' ? (nl ? 'het leerbedrijf' : 'the company') : nl ? 'de school' : 'the school');
const day = (date: Date) => new Date(date).toISOString().slice(0, 10);

/** Every event type: its recipients and its message. */
export const EVENT_CATALOG: Record<EventType, Resolve> = {
  [EventType.USER_ADDED]: async (db, payloads) => {
    const users = await rowsById<{ id: string; organization_id: string; name: string; email: string }>(
      db,
      'SELECT id, organization_id, name, email FROM users WHERE id = ANY($1::uuid[])',
      payloads.map((payload) => payload.userId),
    );
    return announce(users, (user) => ({
      organizationIds: [user.organization_id],
      role: MembershipRole.ADMIN,
      message: {
        nl: { subject: `Nieuwe gebruiker: ${user.name}`, text: `${user.name} (${user.email}) is toegevoegd aan uw organisatie.` },
        en: { subject: `New user: ${user.name}`, text: `${user.name} (${user.email}) was added to your organization.` },
      },
    }));
  },
  [EventType.PLACEMENT_PUBLISHED]: placementEvent((title) => ({
    nl: { subject: `Stageplaats gepubliceerd: ${title}`, text: `De stageplaats "${title}" staat nu open voor studenten.` },
    en: { subject: `Placement published: ${title}`, text: `The placement "${title}" is now open to students.` },
  })),
  [EventType.PLACEMENT_CLOSED]: placementEvent((title) => ({
    nl: { subject: `Stageplaats gesloten: ${title}`, text: `De stageplaats "${title}" is gesloten.` },
    en: { subject: `Placement closed: ${title}`, text: `The placement "${title}" was closed.` },
  })),
  [EventType.PLACEMENT_SUSPENDED]: placementEvent(
    (title) => ({
      nl: {
        subject: `Stageplaats opgeschort: ${title}`,
        text: `De stageplaats "${title}" voldoet niet meer aan de regels van het Stagepact en is opgeschort. Bekijk de bevindingen en pas de stageplaats aan.`,
      },
      en: {
        subject: `Placement suspended: ${title}`,
        text: `The placement "${title}" no longer meets the Stagepact rules and was suspended. Review its findings and fix the placement.`,
      },
    }),
    { withSchools: true },
  ),
  [EventType.ACCREDITATION_GRANTED]: accreditationEvent((a) => ({
    nl: { subject: `Erkenning verleend: crebo ${a.crebo}`, text: `SBB heeft ${a.company} (${a.branch}) erkend voor crebo ${a.crebo}.` },
    en: { subject: `Accreditation granted: crebo ${a.crebo}`, text: `SBB accredited ${a.company} (${a.branch}) for crebo ${a.crebo}.` },
  })),
  [EventType.ACCREDITATION_REVOKED]: accreditationEvent((a) => ({
    nl: {
      subject: `Erkenning ingetrokken: crebo ${a.crebo}`,
      text: `SBB heeft de erkenning van ${a.company} (${a.branch}) voor crebo ${a.crebo} ingetrokken. Reden: ${a.reason ?? '-'}.`,
    },
    en: {
      subject: `Accreditation revoked: crebo ${a.crebo}`,
      text: `SBB revoked the accreditation of ${a.company} (${a.branch}) for crebo ${a.crebo}. Reason: ${a.reason ?? '-'}.`,
    },
  })),
  [EventType.ACCREDITATION_LAPSED]: accreditationLifecycleEvent((a) =>
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
  [EventType.ACCREDITATION_REVIEW_DUE]: accreditationLifecycleEvent((a, { dueOn }) => ({
    nl: {
      subject: `Herbeoordeling erkenning: crebo ${a.crebo}`,
      text: `De erkenning van ${a.company} (${a.branch}) voor crebo ${a.crebo} moet uiterlijk ${dueOn} door SBB worden herbeoordeeld (eens per vier jaar, R3).`,
    },
    en: {
      subject: `Accreditation review due: crebo ${a.crebo}`,
      text: `The accreditation of ${a.company} (${a.branch}) for crebo ${a.crebo} is due for its SBB review by ${dueOn} (every four years, R3).`,
    },
  })),
  [EventType.PROPOSAL_MADE]: proposalEvent((o) => ({
    nl: { subject: `Matchvoorstel: ${o.title}`, text: `${o.pseudonym} is voorgesteld voor "${o.title}". Beide kanten kunnen het voorstel accepteren tot ${day(o.expires_at)}.` },
    en: { subject: `Match proposal: ${o.title}`, text: `${o.pseudonym} was proposed for "${o.title}". Both sides can accept the proposal until ${day(o.expires_at)}.` },
  })),
  [EventType.PROPOSAL_ACCEPTED]: proposalEvent((o, by) => ({
    nl: { subject: `Voorstel geaccepteerd: ${o.title}`, text: `${side(by, true)} heeft het voorstel van ${o.pseudonym} voor "${o.title}" geaccepteerd.` },
    en: { subject: `Proposal accepted: ${o.title}`, text: `${side(by, false)} accepted the proposal of ${o.pseudonym} for "${o.title}".` },
  })),
  [EventType.PROPOSAL_DECLINED]: proposalEvent((o, by) => ({
    nl: { subject: `Voorstel afgewezen: ${o.title}`, text: `${side(by, true)} heeft het voorstel van ${o.pseudonym} voor "${o.title}" afgewezen; de plaats komt vrij.` },
    en: { subject: `Proposal declined: ${o.title}`, text: `${side(by, false)} declined the proposal of ${o.pseudonym} for "${o.title}"; the seat is free again.` },
  })),
  [EventType.PROPOSAL_EXPIRING]: proposalEvent((o) => ({
    nl: { subject: `Voorstel verloopt bijna: ${o.title}`, text: `Het voorstel van ${o.pseudonym} voor "${o.title}" verloopt op ${day(o.expires_at)}. Geef op tijd antwoord.` },
    en: { subject: `Proposal expiring: ${o.title}`, text: `The proposal of ${o.pseudonym} for "${o.title}" expires on ${day(o.expires_at)}. Please answer in time.` },
  })),
  [EventType.AGREEMENT_PROPOSED]: agreementEvent((a) => ({
    nl: { subject: `Samenwerkingsovereenkomst voorgesteld`, text: `De overeenkomst tussen ${a.school} en ${a.company} (versie ${a.version}) wacht op ondertekening.` },
    en: { subject: `Agreement proposed`, text: `The agreement between ${a.school} and ${a.company} (version ${a.version}) awaits signatures.` },
  })),
  [EventType.AGREEMENT_SIGNED]: agreementEvent((a) => ({
    nl: { subject: `Samenwerkingsovereenkomst ondertekend`, text: `Beide partijen hebben versie ${a.version} van de overeenkomst tussen ${a.school} en ${a.company} ondertekend.` },
    en: { subject: `Agreement signed`, text: `Both parties signed version ${a.version} of the agreement between ${a.school} and ${a.company}.` },
  })),
  [EventType.AGREEMENT_EXPIRING]: agreementEvent((a, { days }) => ({
    nl: { subject: `Overeenkomst loopt af over ${days} dagen`, text: `De overeenkomst tussen ${a.school} en ${a.company} loopt af op ${a.end_date}. Verleng of vernieuw haar op tijd.` },
    en: { subject: `Agreement ends in ${days} days`, text: `The agreement between ${a.school} and ${a.company} ends on ${a.end_date}. Renew it in time.` },
  })),
  [EventType.AGREEMENT_UNSIGNED]: agreementEvent((a) => ({
    nl: { subject: `Overeenkomst nog niet ondertekend`, text: `Versie ${a.version} van de overeenkomst tussen ${a.school} en ${a.company} is al 14 dagen voorgesteld maar niet door beide partijen ondertekend.` },
    en: { subject: `Agreement still unsigned`, text: `Version ${a.version} of the agreement between ${a.school} and ${a.company} was proposed 14 days ago and is not signed by both parties.` },
  })),
  [EventType.AGREEMENT_UNDER_FULFILLED]: agreementEvent((a, { schoolYear, crebo, offered, committed }) => ({
    nl: {
      subject: `Minder plaatsen aangeboden dan afgesproken (crebo ${crebo})`,
      text: `${a.company} heeft voor schooljaar ${schoolYear}/${Number(schoolYear) + 1} en crebo ${crebo} ${offered} van de ${committed} afgesproken plaatsen aangeboden (overeenkomst met ${a.school}).`,
    },
    en: {
      subject: `Fewer places offered than committed (crebo ${crebo})`,
      text: `${a.company} offered ${offered} of the ${committed} places committed for school year ${schoolYear}/${Number(schoolYear) + 1} and crebo ${crebo} (agreement with ${a.school}).`,
    },
  })),
  [EventType.GUIDANCE_BEHIND]: async (db, payloads) => {
    const internships = await rowsById<{ id: string; school_id: string; company_id: string; title: string; contacts: number }>(
      db,
      `SELECT i.id, i.school_id, i.company_id, p.title, (SELECT count(*) FROM contact_moments c WHERE c.internship_id = i.id)::int AS contacts
         FROM internships i JOIN placements p ON p.id = i.placement_id WHERE i.id = ANY($1::uuid[])`,
      payloads.map((payload) => payload.internshipId),
    );
    return announce(internships, (i) => ({
      organizationIds: [i.school_id, i.company_id],
      message: {
        nl: { subject: `Begeleiding loopt achter: ${i.title}`, text: `Halverwege de stage "${i.title}" zijn ${i.contacts} contactmomenten vastgelegd; plan er nog minstens ${3 - i.contacts}, waarvan één op locatie (R17).` },
        en: { subject: `Guidance behind: ${i.title}`, text: `Halfway through the internship "${i.title}", ${i.contacts} contact moments are logged; plan at least ${3 - i.contacts} more, one on site (R17).` },
      },
    }));
  },
  [EventType.INTERNSHIP_TERMINATED]: async (db, payloads) => {
    const internships = await rowsById<{ id: string; school_id: string; company_id: string; title: string; reason: string }>(
      db,
      `SELECT i.id, i.school_id, i.company_id, p.title, i.termination_reason AS reason FROM internships i JOIN placements p ON p.id = i.placement_id WHERE i.id = ANY($1::uuid[])`,
      payloads.map((payload) => payload.internshipId),
    );
    return announce(internships, (i) => ({
      organizationIds: [i.school_id, i.company_id],
      message: {
        nl: { subject: `Stage voortijdig beëindigd: ${i.title}`, text: `De stage "${i.title}" is beëindigd. Reden: ${i.reason}. De student krijgt voorrang in de volgende matchronde.` },
        en: { subject: `Internship ended early: ${i.title}`, text: `The internship "${i.title}" was ended. Reason: ${i.reason}. The student gets priority in the next match round.` },
      },
    }));
  },
  // The school's own staff only; the message names no one (e-mail and webhooks leave the platform): the
  // school finds the student by her id in `studentsWithoutPlacement`.
  [EventType.STUDENT_WITHOUT_PLACEMENT]: async (db, payloads) => {
    const students = await rowsById<{ id: string; school_id: string; crebo: string; level: number; leerweg: string }>(
      db,
      'SELECT id, school_id, crebo, level, leerweg FROM students WHERE id = ANY($1::uuid[])',
      payloads.map((payload) => payload.studentId),
    );
    return students.map((s, index) => {
      if (s instanceof Error) return s;
      const start = payloads[index].startDate;
      return {
        organizationIds: [s.school_id],
        message: {
          nl: {
            subject: `Student zonder stageplaats (start ${start})`,
            text: `Een student (crebo ${s.crebo}, niveau ${s.level}, ${s.leerweg}; id ${s.id}) begint op ${start} aan de BPV maar heeft nog geen stageplaats. Zonder plaats dreigt uitval: zoek samen met haar een plaats.`,
          },
          en: {
            subject: `Student without a placement (start ${start})`,
            text: `A student (crebo ${s.crebo}, level ${s.level}, ${s.leerweg}; id ${s.id}) starts her BPV on ${start} but has no placement yet. Without one she risks dropping out: help her find a place.`,
          },
        },
      };
    });
  },
  [EventType.DISCRIMINATION_REPORT_ESCALATED]: async (db, payloads) => {
    const reports = await reportFacts(db, payloads);
    const sbb = await sbbOrganizations(db);
    return announce(reports, (r) => ({
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
  // R22: goes to the company; it names no reporter, school or student (reportFacts selects none).
  [EventType.COMPANY_WARNED]: async (db, payloads) =>
    announce(await reportFacts(db, payloads), (r) => ({
      organizationIds: [r.company_id],
      role: MembershipRole.ADMIN,
      message: {
        nl: {
          subject: `Waarschuwing van SBB: ${r.company}`,
          text: `SBB geeft ${r.company} een waarschuwing na een melding van discriminatie op grond van ${GROUND_LABELS[r.ground].nl}. Toelichting van SBB: ${r.sanction_reason ?? '-'}. Bij herhaling kan SBB de erkenning intrekken.`,
        },
        en: {
          subject: `Warning from SBB: ${r.company}`,
          text: `SBB warns ${r.company} after a report of discrimination on the ground of ${GROUND_LABELS[r.ground].en}. SBB's explanation: ${r.sanction_reason ?? '-'}. If it happens again, SBB may revoke the accreditation.`,
        },
      },
    })),
  [EventType.SCHOOL_TASK_CREATED]: async (db, payloads) => {
    const tasks = await rowsById<{ id: string; school_id: string; kind: string; title: string | null; company: string | null }>(
      db,
      `SELECT t.id, t.school_id, t.kind, p.title, c.name AS company
         FROM school_tasks t LEFT JOIN placements p ON p.id = t.placement_id LEFT JOIN discrimination_reports r ON r.id = t.report_id
         LEFT JOIN organizations c ON c.id = coalesce(p.company_id, r.company_id)
        WHERE t.id = ANY($1::uuid[])`,
      payloads.map((payload) => payload.taskId),
    );
    return announce(tasks, (task) => ({
      organizationIds: [task.school_id],
      message:
        task.kind === 'AFTERCARE'
          ? {
              nl: {
                subject: `Nieuwe taak: nazorg na een melding`,
                text: `Uw school heeft een melding van discriminatie over ${task.company ?? 'een leerbedrijf'} gedaan. Bied de student nazorg (R22) en rond de taak af als dat is gebeurd.`,
              },
              en: {
                subject: `New task: aftercare after a report`,
                text: `Your school reported discrimination by ${task.company ?? 'a company'}. Offer the student aftercare (R22) and complete the task once that is done.`,
              },
            }
          : {
              nl: {
                subject: `Nieuwe taak: vervangende stageplaats zoeken`,
                text: `De erkenning van ${task.company ?? 'het leerbedrijf'} is ingetrokken of vervallen en de stageplaats "${task.title ?? '-'}" is opgeschort (R2). Zoek samen met de student een andere plaats; zij wordt niet benadeeld en gaat voor in de volgende matchronde.`,
              },
              en: {
                subject: `New task: find a replacement placement`,
                text: `The accreditation of ${task.company ?? 'the company'} was revoked or lapsed and the placement "${task.title ?? '-'}" suspended (R2). Find the student another place; she is not penalised and goes first in the next match round.`,
              },
            },
    }));
  },
};
