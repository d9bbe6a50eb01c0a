import type { Norms } from './norms';
import { RULES, severityOf } from './rules';
import type { ComplianceContext, Finding, RuleId } from './rules/rule';

export type ComplianceVerdict = 'COMPLIANT' | 'WARNINGS' | 'BLOCKED';

/**
 * Runs every rule (or only the given ones) over a context; each finding takes its severity from
 * the norm set unless the rule set one, and the rule's registry default where the norm set names none.
 */
export function evaluateCompliance(context: ComplianceContext, norms: Norms, only?: readonly RuleId[]): { verdict: ComplianceVerdict; findings: Finding[] } {
  const findings = RULES.filter((rule) => !only || only.includes(rule.id)).flatMap((rule) =>
    rule.evaluate(context, norms).map(({ severity, ...finding }) => ({ rule: rule.id, severity: severity ?? severityOf(rule, norms.severities), ...finding })),
  );
  const verdict = findings.some((f) => f.severity === 'BLOCK') ? 'BLOCKED' : findings.length ? 'WARNINGS' : 'COMPLIANT';
  return { verdict, findings };
}
