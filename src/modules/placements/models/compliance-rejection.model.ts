import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JSONObjectScalar } from '../../../common/graphql/scalars';
import type { Finding, FindingFigure, Severity } from '../placement-compliance';

export const SeverityEnum = { BLOCK: 'BLOCK', WARN: 'WARN' } as const;
registerEnumType(SeverityEnum, { name: 'Severity', description: 'BLOCK stops publishing; WARN is stored and shown' });

@ObjectType('ComplianceFinding', { description: 'What a Stagepact rule found, the field to fix and the figures behind it' })
export class ComplianceFindingModel {
  @Field(() => String, { description: 'The rule id, R1–R24 (domain brief section 7)' })
  rule: Finding['rule'];

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field()
  message: string;

  @Field({ description: 'The placement field to change' })
  field: string;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'The figures behind the finding, e.g. `floorCents` and `shortCents` for R15' })
  details?: Record<string, FindingFigure>;
}

/** A business outcome, not an error: the rules refused the change and say what to fix. */
@ObjectType('ComplianceRejection', { description: 'The Stagepact rules refused the change; nothing was changed' })
export class ComplianceRejection {
  @Field(() => String, { description: 'Always COMPLIANCE_REJECTED' })
  readonly code = 'COMPLIANCE_REJECTED';

  @Field()
  message: string;

  @Field(() => [String], { description: 'The rules with BLOCK findings' })
  rules: Finding['rule'][];

  @Field(() => [ComplianceFindingModel], { description: 'Every finding, BLOCK and WARN' })
  findings: Finding[];

  @Field(() => Int, { description: 'The norm-set version the rules applied' })
  normSetVersion: number;

  constructor(findings: Finding[], normSetVersion: number, what: string) {
    this.findings = findings;
    this.normSetVersion = normSetVersion;
    this.rules = [...new Set(findings.filter((f) => f.severity === 'BLOCK').map((f) => f.rule))];
    this.message = `${what} breaks Stagepact rule${this.rules.length > 1 ? 's' : ''} ${this.rules.join(', ')}: ${findings
      .filter((f) => f.severity === 'BLOCK')
      .map((f) => f.message)
      .join('; ')}`;
  }
}
