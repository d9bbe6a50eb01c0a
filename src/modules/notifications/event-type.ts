import { registerEnumType } from '@nestjs/graphql';

/** Every domain event that can notify someone; its payload carries ids only. */
export enum EventType {
  USER_ADDED = 'USER_ADDED',
  PLACEMENT_PUBLISHED = 'PLACEMENT_PUBLISHED',
  PLACEMENT_CLOSED = 'PLACEMENT_CLOSED',
  PLACEMENT_SUSPENDED = 'PLACEMENT_SUSPENDED',
  ACCREDITATION_GRANTED = 'ACCREDITATION_GRANTED',
  ACCREDITATION_REVOKED = 'ACCREDITATION_REVOKED',
  ACCREDITATION_LAPSED = 'ACCREDITATION_LAPSED',
  ACCREDITATION_REVIEW_DUE = 'ACCREDITATION_REVIEW_DUE',
  PROPOSAL_MADE = 'PROPOSAL_MADE',
  PROPOSAL_ACCEPTED = 'PROPOSAL_ACCEPTED',
  PROPOSAL_DECLINED = 'PROPOSAL_DECLINED',
  PROPOSAL_EXPIRING = 'PROPOSAL_EXPIRING',
  AGREEMENT_PROPOSED = 'AGREEMENT_PROPOSED',
  AGREEMENT_SIGNED = 'AGREEMENT_SIGNED',
  AGREEMENT_EXPIRING = 'AGREEMENT_EXPIRING',
  AGREEMENT_UNSIGNED = 'AGREEMENT_UNSIGNED',
  AGREEMENT_UNDER_FULFILLED = 'AGREEMENT_UNDER_FULFILLED',
  GUIDANCE_BEHIND = 'GUIDANCE_BEHIND',
  INTERNSHIP_TERMINATED = 'INTERNSHIP_TERMINATED',
  STUDENT_WITHOUT_PLACEMENT = 'STUDENT_WITHOUT_PLACEMENT',
  /** R22: a school put a discrimination report to SBB. */
  DISCRIMINATION_REPORT_ESCALATED = 'DISCRIMINATION_REPORT_ESCALATED',
  /** R22: SBB warned a company after a report; the message names no reporter, school or student. */
  COMPANY_WARNED = 'COMPANY_WARNED',
  /** A school got a task: aftercare (R22) or a replacement search (R2). */
  SCHOOL_TASK_CREATED = 'SCHOOL_TASK_CREATED',
}
registerEnumType(EventType, { name: 'EventType' });

export interface EventPayloads {
  [EventType.USER_ADDED]: { userId: string };
  [EventType.PLACEMENT_PUBLISHED]: { placementId: string };
  [EventType.PLACEMENT_CLOSED]: { placementId: string };
  [EventType.PLACEMENT_SUSPENDED]: { placementId: string };
  [EventType.ACCREDITATION_GRANTED]: { accreditationId: string };
  [EventType.ACCREDITATION_REVOKED]: { accreditationId: string };
  [EventType.ACCREDITATION_LAPSED]: { accreditationId: string };
  /** `dueOn`: the review due date announced (R3), YYYY-MM-DD. */
  [EventType.ACCREDITATION_REVIEW_DUE]: { accreditationId: string; dueOn: string };
  [EventType.PROPOSAL_MADE]: { proposalId: string };
  /** `by`: the side that answered (COMPANY or SCHOOL). */
  [EventType.PROPOSAL_ACCEPTED]: { proposalId: string; by: string };
  [EventType.PROPOSAL_DECLINED]: { proposalId: string; by: string };
  [EventType.PROPOSAL_EXPIRING]: { proposalId: string };
  [EventType.AGREEMENT_PROPOSED]: { agreementId: string };
  [EventType.AGREEMENT_SIGNED]: { agreementId: string };
  /** `days`: 90 or 30 before the end of the term. */
  [EventType.AGREEMENT_EXPIRING]: { agreementId: string; days: string };
  [EventType.AGREEMENT_UNSIGNED]: { agreementId: string };
  [EventType.GUIDANCE_BEHIND]: { internshipId: string };
  [EventType.INTERNSHIP_TERMINATED]: { internshipId: string };
  /** `startDate`: her BPV start (YYYY-MM-DD) the alert is for. */
  [EventType.STUDENT_WITHOUT_PLACEMENT]: { studentId: string; startDate: string };
  [EventType.DISCRIMINATION_REPORT_ESCALATED]: { reportId: string };
  [EventType.COMPANY_WARNED]: { reportId: string };
  [EventType.SCHOOL_TASK_CREATED]: { taskId: string };
  [EventType.AGREEMENT_UNDER_FULFILLED]: { agreementId: string; schoolYear: string; crebo: string; offered: string; committed: string };
}
