import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { isTrue } from '../../values';
import { serverAccessRules } from './server-access-rules';

/** Every rule that grants server access records sessions on the gateway. */
export function PamPolicySessionRecording(subject: GuardrailSubject): RuleResult {
  const rules = serverAccessRules(subject);
  if (!rules) return Compliance.NOT_APPLICABLE;
  return rules.filter((rule) => !isTrue(rule.gateway?.session_recording)).map((rule) => `Rule::${rule.name}`);
}
