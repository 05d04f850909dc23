import { SECRET_ATTRIBUTES } from '../../../constructs/provider-secrets/provider-secrets';
import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';

/** `<type>.<attribute>` and `data.<type>.<attribute>` of listed secrets, as reference patterns. */
const REFERENCES = [...SECRET_ATTRIBUTES].map((address) => {
  const [data, type, attribute] = address.startsWith('data.') ? address.split('.') : ['', ...address.split('.')];
  return { address, pattern: new RegExp(`${data ? 'data\\.' : '(?<![\\w.])'}${type}\\.[A-Za-z0-9_-]+\\.${attribute}\\b`) };
});

/**
 * An output that carries a secret is `sensitive = true`: outputs are printed by apply and kept in CI logs.
 * Judged on the synthesized output, so it holds for outputs added by any construct, override or Aspect, in any stack.
 */
export function SecretOutputsSensitive(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'output') return Compliance.NOT_APPLICABLE;
  if (subject.attributes.sensitive === true) return [];
  const value = JSON.stringify(subject.attributes.value ?? null);
  const findings = REFERENCES.filter(({ pattern }) => pattern.test(value)).map(({ address }) => `Secret::${address}`);
  for (const name of subject.stack.sensitiveVariables) if (value.includes(`var.${name}`)) findings.push(`Secret::var.${name}`);
  return findings;
}
