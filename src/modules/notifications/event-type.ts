import { registerEnumType } from '@nestjs/graphql';
import { AgreementEvent } from '../agreements/agreements.events';
import { CompanyEvent } from '../companies/companies.events';
import { InternshipEvent } from '../internships/internships.events';
import { MatchingEvent } from '../matching/matching.events';
import { MeldpuntEvent } from '../meldpunt/meldpunt.events';
import { OrganizationEvent } from '../organizations/organizations.events';
import { PlacementEvent } from '../placements/placements.events';
import { SchoolTaskEvent } from '../school-tasks/school-tasks.events';
import { UnplacedStudentEvent } from '../unplaced-students/unplaced-students.events';

/**
 * The GraphQL `EventType` enum: the event names each module declares beside itself, one line per
 * emitting module. The schema is built before the registry is filled (the registry is collected
 * from providers), so the names come from the modules' name objects; the registry checks at boot
 * that each has a definition (`NotificationsBootCheck`). A new event in a module that already emits
 * needs no line here, and no migration (the type is stored as text).
 */
export const EventType = {
  ...OrganizationEvent,
  ...PlacementEvent,
  ...CompanyEvent,
  ...MatchingEvent,
  ...AgreementEvent,
  ...InternshipEvent,
  ...UnplacedStudentEvent,
  ...MeldpuntEvent,
  ...SchoolTaskEvent,
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];
registerEnumType(EventType, { name: 'EventType', description: 'The kinds of events users are notified of and webhooks receive' });
