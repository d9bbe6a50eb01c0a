import { registerEnumType } from '@nestjs/graphql';

/** Every domain event that can notify someone; its payload carries ids only. */
export enum EventType {
  USER_ADDED = 'USER_ADDED',
  PLACEMENT_PUBLISHED = 'PLACEMENT_PUBLISHED',
  PLACEMENT_CLOSED = 'PLACEMENT_CLOSED',
  PLACEMENT_SUSPENDED = 'PLACEMENT_SUSPENDED',
  ACCREDITATION_GRANTED = 'ACCREDITATION_GRANTED',
  ACCREDITATION_REVOKED = 'ACCREDITATION_REVOKED',
  PROPOSAL_MADE = 'PROPOSAL_MADE',
  PROPOSAL_ACCEPTED = 'PROPOSAL_ACCEPTED',
  PROPOSAL_DECLINED = 'PROPOSAL_DECLINED',
  PROPOSAL_EXPIRING = 'PROPOSAL_EXPIRING',
}
registerEnumType(EventType, { name: 'EventType' });

export interface EventPayloads {
  [EventType.USER_ADDED]: { userId: string };
  [EventType.PLACEMENT_PUBLISHED]: { placementId: string };
  [EventType.PLACEMENT_CLOSED]: { placementId: string };
  [EventType.PLACEMENT_SUSPENDED]: { placementId: string };
  [EventType.ACCREDITATION_GRANTED]: { accreditationId: string };
  [EventType.ACCREDITATION_REVOKED]: { accreditationId: string };
  [EventType.PROPOSAL_MADE]: { proposalId: string };
  /** `by`: the side that answered (COMPANY or SCHOOL). */
  [EventType.PROPOSAL_ACCEPTED]: { proposalId: string; by: string };
  [EventType.PROPOSAL_DECLINED]: { proposalId: string; by: string };
  [EventType.PROPOSAL_EXPIRING]: { proposalId: string };
}
