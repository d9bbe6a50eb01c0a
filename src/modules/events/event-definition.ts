import type { MembershipRole } from '../../common/auth/roles';
import type { Queryable } from '../../database/prepared-queries';

/**
 * The payload of every event type, by type name. Each emitting module adds its own types beside
 * itself (in `<module>.events.ts`, by declaration merging), so `Events.emit` is typed without a
 * central list. Payloads carry ids (and small facts) as strings only.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventPayloads {}

export type EventTypeName = keyof EventPayloads & string;
export type EventPayload = Record<string, string>;

export type Language = 'nl' | 'en';
export type Message = Record<Language, { subject: string; text: string }>;

/** Who hears of an event, and what they read (Dutch, or English for users who chose it). */
export interface Announcement {
  organizationIds: string[];
  /** Only users with this role in those organizations; all users when absent. */
  role?: MembershipRole;
  /** Further organizations all of whose users hear it, whatever `role` says (e.g. SBB). */
  everyoneIn?: string[];
  /**
   * Students (by student id) who hear it on their own accounts (issue #17). An organization's
   * users are its staff: a student hears only what is addressed to her here, best in an
   * announcement of its own with a text for her.
   */
  students?: string[];
  message: Message;
}

/**
 * The item a notification is about (its GraphQL type name and id): every notification carries it,
 * so a client can open it (`node(id)`). A definition names it by a payload key; by default its
 * first, whose kind `SUBJECT_KINDS` knows.
 */
export interface EventSubject {
  kind: string;
  key: string;
}

/** The GraphQL type an event's payload key names. */
export const SUBJECT_KINDS: Record<string, string> = {
  accreditationId: 'Accreditation',
  agreementId: 'Agreement',
  internshipId: 'Internship',
  organizationId: 'Organization',
  placementId: 'Placement',
  pokId: 'Pok',
  proposalId: 'Proposal',
  registrationId: 'InternshipRegistration',
  reportId: 'DiscriminationReport',
  studentId: 'Student',
  taskId: 'SchoolTask',
  userId: 'User',
};

/** What a recipient resolver may use besides its own module's facts. */
export interface AnnounceContext {
  /** Reads in the dispatcher's connection. */
  db: Queryable;
  /**
   * Schools with a student proposed or placed at each company (or placement). Defined once, by the
   * module that can compute it (matching registers it in the `SchoolLinks` hook), and handed to lower modules here so
   * they need not import it.
   */
  schoolsLinkedTo(by: 'company' | 'placement', ids: string[]): Promise<Map<string, string[]>>;
  /** An address in the front end (APP_URL + path), for a message people can act on. */
  link(path: string): string;
}

/**
 * One event type: its name, the keys its payload carries, and its recipient resolver. `announce`
 * resolves a batch of events of this type in a query or two: one announcement per payload, in
 * order, or an Error for an event that cannot be announced (it fails that event alone).
 */
export interface EventDefinition<P extends EventPayload = EventPayload> {
  type: string;
  payload: readonly (keyof P & string)[];
  /** What its notifications are about; by default the first payload key's (`SUBJECT_KINDS`). */
  subject: EventSubject;
  /**
   * Per payload one announcement, or several (for different organizations, each with its own
   * text: a school reads its student's name, a company her pseudonym until both sides accepted).
   */
  announce(payloads: P[], context: AnnounceContext): Promise<(Announcement | Announcement[] | Error)[]>;
}

/** A module's event definitions, keyed by its own name object, so none can be forgotten. */
export function defineEvents<N extends Record<string, string>>(
  names: N,
  definitions: { [K in keyof N]: Omit<EventDefinition<K extends EventTypeName ? EventPayloads[K] & EventPayload : EventPayload>, 'type' | 'subject'> & { subject?: EventSubject } },
): EventDefinition[] {
  return Object.keys(names).map((key) => {
    const definition = definitions[key];
    const first = definition.payload[0];
    const subject = definition.subject ?? (first && SUBJECT_KINDS[first] ? { kind: SUBJECT_KINDS[first], key: first } : null);
    if (!subject) throw new Error(`event ${names[key]}: say what its notifications are about (subject), its first payload key ${first} names no known kind`);
    return { type: names[key], ...definition, subject } as EventDefinition;
  });
}

/** Registers a module's events: a provider of its own, found at boot by the EventRegistry. */
export interface EventSource {
  readonly events: EventDefinition[];
}

/** The rows an event batch refers to, in payload order; a missing row is that event's Error. */
export function inPayloadOrder<T extends { id: string }>(rows: T[], ids: string[]): (T | Error)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? new Error(`event refers to a missing row (${id})`));
}

export const announceEach = <T>(rows: (T | Error)[], announcement: (row: T, index: number) => Announcement) =>
  rows.map((row, index) => (row instanceof Error ? row : announcement(row, index)));
