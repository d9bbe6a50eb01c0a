import { registerEnumType } from '@nestjs/graphql';

/**
 * The vocabulary of a placement's standing against the Stagepact rules. Placements owns it because
 * it is stored on the placement; the compliance module (above placements) produces the verdicts.
 */

/** Where a placement stands against the Stagepact rules (the latest evaluation, or its suspension). */
export enum ComplianceStatus {
  COMPLIANT = 'COMPLIANT',
  WARNINGS = 'WARNINGS',
  BLOCKED = 'BLOCKED',
  /** Published, then found BLOCKED by a re-evaluation (R2): out of search until fixed and published again. */
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(ComplianceStatus, { name: 'ComplianceStatus', description: 'What the compliance rules (R1–R8) found on a placement' });

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
registerEnumType(EvaluationTrigger, { name: 'EvaluationTrigger', description: 'What made the compliance engine evaluate a placement' });

/** A rule's number (domain.md); compliance's registry (rules/index.ts) lists those the engine runs. */
export type RuleId = `R${number}`;
export type Severity = 'BLOCK' | 'WARN';

/** A figure behind a finding (an amount, a date, the levels involved). */
export type FindingFigure = string | number | boolean | null | (string | number)[];

/** What a rule found: which rule, what to fix (`field`, `message`) and the figures behind it. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  field: string;
  details?: Record<string, FindingFigure>;
}
