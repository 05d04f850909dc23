import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { serverAccessRules } from './server-access-rules';

/** Every rule that grants server access requires MFA (an `mfa` condition with a re-authentication frequency). */
export function PamPolicyMfa(subject: GuardrailSubject): RuleResult {
  const rules = serverAccessRules(subject);
  if (!rules) return Compliance.NOT_APPLICABLE;
  return rules.filter((rule) => rule.mfa?.re_auth_frequency_in_seconds === undefined).map((rule) => `Rule::${rule.name}`);
}
