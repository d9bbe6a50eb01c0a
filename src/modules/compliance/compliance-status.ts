import { registerEnumType } from '@nestjs/graphql';

/** Where a placement stands against the Stagepact rules (the latest evaluation, or its suspension). */
export enum ComplianceStatus {
  COMPLIANT = 'COMPLIANT',
  WARNINGS = 'WARNINGS',
  BLOCKED = 'BLOCKED',
  /** Published, then found BLOCKED by a re-evaluation (R2): out of search until fixed and published again. */
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(ComplianceStatus, { name: 'ComplianceStatus' });

/** What made the engine evaluate a placement. */
export enum EvaluationTrigger {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  PUBLISH = 'PUBLISH',
  ACCREDITATION_REVOKED = 'ACCREDITATION_REVOKED',
  /** The daily check found an accreditation lapsed (R3): the branch's placements are re-evaluated as on a revocation (R2). */
  ACCREDITATION_LAPSED = 'ACCREDITATION_LAPSED',
  NORM_SET = 'NORM_SET',
  DAILY = 'DAILY',
}
registerEnumType(EvaluationTrigger, { name: 'EvaluationTrigger' });
