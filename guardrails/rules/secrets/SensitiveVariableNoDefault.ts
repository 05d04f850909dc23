import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';

/** A sensitive variable has no default: a default is the secret written in code (git, plan, state). */
export function SensitiveVariableNoDefault(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'variable') return Compliance.NOT_APPLICABLE;
  if (subject.attributes.sensitive !== true) return [];
  return subject.attributes.default === undefined || subject.attributes.default === null ? [] : ['Default::literal'];
}
