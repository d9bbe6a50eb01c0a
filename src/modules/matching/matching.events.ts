import { Injectable } from '@nestjs/common';
import { type AnnounceContext, type Announcement, defineEvents, type EventSource, inPayloadOrder, type Message } from '../events/event-definition';
import { studentNamesForSchool } from '../students/students.facts';
import { RegistersEvents } from '../events/event-registry';
import { placementSummaries } from '../placements/placements.facts';
import { proposalsAnnounced } from './matching.repository';

export const MatchingEvent = {
  PROPOSAL_MADE: 'PROPOSAL_MADE',
  PROPOSAL_ACCEPTED: 'PROPOSAL_ACCEPTED',
  PROPOSAL_DECLINED: 'PROPOSAL_DECLINED',
  PROPOSAL_EXPIRING: 'PROPOSAL_EXPIRING',
} as const;

declare module '../events/event-definition' {
  interface EventPayloads {
    PROPOSAL_MADE: { proposalId: string };
    /** `by`: the side that answered (COMPANY, SCHOOL on the student's behalf, or the STUDENT herself). */
    PROPOSAL_ACCEPTED: { proposalId: string; by: string };
    PROPOSAL_DECLINED: { proposalId: string; by: string };
    PROPOSAL_EXPIRING: { proposalId: string };
  }
}

interface ProposalFacts {
  id: string;
  company_id: string;
  school_id: string;
  placement_id: string;
  student_id: string;
  pseudonym: string;
  title: string;
  expires_at: Date;
}

/**
 * A proposal concerns its company, which knows the student by pseudonym only (R20: her identity is
 * revealed in the internship, once both sides accepted), and her school, which knows her: its
 * message names her. With `toHer`, the student hears it too on her own account (issue #17), in a
 * text of her own (an account-less student hears nothing: no one reads it). Each reads a link to
 * the proposal.
 */
const toBothSides =
  <P extends { proposalId: string; by?: string }>(message: (facts: ProposalFacts, by?: string) => Message, toHer?: (facts: ProposalFacts) => Message) =>
  async (payloads: P[], { db, link }: AnnounceContext): Promise<(Announcement[] | Error)[]> => {
    const ids = payloads.map((payload) => payload.proposalId);
    const rows = await proposalsAnnounced(db, ids);
    const titles = new Map((await placementSummaries(db, [...new Set(rows.map((row) => row.placement_id))])).map((p) => [p.id, p.title]));
    const names = await studentNamesForSchool(db, rows.map((row) => row.student_id));
    const proposals = inPayloadOrder(rows.map((row) => ({ ...row, title: titles.get(row.placement_id) ?? '-' })), ids);
    const linked = (text: Message, id: string): Message => ({
      nl: { ...text.nl, text: `${text.nl.text} ${link(`/proposals/${id}`)}` },
      en: { ...text.en, text: `${text.en.text} ${link(`/proposals/${id}`)}` },
    });
    return proposals.map((facts, index) =>
      facts instanceof Error
        ? facts
        : [
            { organizationIds: [facts.company_id], message: linked(message(facts, payloads[index].by), facts.id) },
            { organizationIds: [facts.school_id], message: linked(message({ ...facts, pseudonym: names.get(facts.student_id) ?? facts.pseudonym }, payloads[index].by), facts.id) },
            ...(toHer ? [{ organizationIds: [], students: [facts.student_id], message: linked(toHer(facts), facts.id) }] : []),
          ],
    );
  };

const side = (by: string | undefined, nl: boolean) =>
  by === 'COMPANY' ? (nl ? 'het leerbedrijf' : 'the company') : by === 'STUDENT' ? (nl ? 'de student' : 'the student') : nl ? 'de school' : 'the school';
const day = (date: Date) => new Date(date).toISOString().slice(0, 10);

@RegistersEvents()
@Injectable()
export class MatchingEvents implements EventSource {
  readonly events = defineEvents(MatchingEvent, {
    PROPOSAL_MADE: {
      payload: ['proposalId'],
      announce: toBothSides((o) => ({
        nl: { subject: `Matchvoorstel: ${o.title}`, text: `${o.pseudonym} is voorgesteld voor "${o.title}". Beide kanten kunnen het voorstel accepteren tot ${day(o.expires_at)}.` },
        en: { subject: `Match proposal: ${o.title}`, text: `${o.pseudonym} was proposed for "${o.title}". Both sides can accept the proposal until ${day(o.expires_at)}.` },
      }), (o) => ({
        nl: { subject: `Je hebt een stagevoorstel: ${o.title}`, text: `Je bent voorgesteld voor de stage "${o.title}". Bekijk het voorstel en geef uiterlijk ${day(o.expires_at)} antwoord: accepteren of afwijzen.` },
        en: { subject: `You have an internship proposal: ${o.title}`, text: `You were proposed for the internship "${o.title}". Look at the proposal and answer by ${day(o.expires_at)}: accept or decline.` },
      })),
    },
    PROPOSAL_ACCEPTED: {
      payload: ['proposalId', 'by'],
      announce: toBothSides((o, by) => ({
        nl: { subject: `Voorstel geaccepteerd: ${o.title}`, text: `${side(by, true)} heeft het voorstel van ${o.pseudonym} voor "${o.title}" geaccepteerd.` },
        en: { subject: `Proposal accepted: ${o.title}`, text: `${side(by, false)} accepted the proposal of ${o.pseudonym} for "${o.title}".` },
      })),
    },
    PROPOSAL_DECLINED: {
      payload: ['proposalId', 'by'],
      announce: toBothSides((o, by) => ({
        nl: { subject: `Voorstel afgewezen: ${o.title}`, text: `${side(by, true)} heeft het voorstel van ${o.pseudonym} voor "${o.title}" afgewezen; de plaats komt vrij.` },
        en: { subject: `Proposal declined: ${o.title}`, text: `${side(by, false)} declined the proposal of ${o.pseudonym} for "${o.title}"; the seat is free again.` },
      })),
    },
    PROPOSAL_EXPIRING: {
      payload: ['proposalId'],
      announce: toBothSides((o) => ({
        nl: { subject: `Voorstel verloopt bijna: ${o.title}`, text: `Het voorstel van ${o.pseudonym} voor "${o.title}" verloopt op ${day(o.expires_at)}. Geef op tijd antwoord.` },
        en: { subject: `Proposal expiring: ${o.title}`, text: `The proposal of ${o.pseudonym} for "${o.title}" expires on ${day(o.expires_at)}. Please answer in time.` },
      }), (o) => ({
        nl: { subject: `Je stagevoorstel verloopt bijna: ${o.title}`, text: `Je voorstel voor de stage "${o.title}" verloopt op ${day(o.expires_at)}. Geef op tijd antwoord, anders vervalt het.` },
        en: { subject: `Your internship proposal expires soon: ${o.title}`, text: `Your proposal for the internship "${o.title}" expires on ${day(o.expires_at)}. Answer in time, or it lapses.` },
      })),
    },
  });
}
