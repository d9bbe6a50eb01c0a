import { registerEnumType } from '@nestjs/graphql';

/**
 * R21: the only reasons a company may give for declining a student, a proposal of the matcher or
 * a self-found internship a school registered; each is about the work, never the person.
 */
export enum DeclineReason {
  WERKPROCESSEN_NOT_OFFERED = 'WERKPROCESSEN_NOT_OFFERED',
  SCHEDULE_INCOMPATIBLE = 'SCHEDULE_INCOMPATIBLE',
  ACCESSIBILITY_NOT_POSSIBLE = 'ACCESSIBILITY_NOT_POSSIBLE',
  PLACE_NO_LONGER_AVAILABLE = 'PLACE_NO_LONGER_AVAILABLE',
  TRAINER_UNAVAILABLE = 'TRAINER_UNAVAILABLE',
  REQUIRED_CERTIFICATE_MISSING = 'REQUIRED_CERTIFICATE_MISSING',
}
registerEnumType(DeclineReason, { name: 'DeclineReason', description: 'R21: job-related reasons only; every decline is audited' });
