import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { isReference, referencedAddress } from '../../values';

/** Generated secrets: never written in code (they are still in state, which is encrypted, LP-TF1). */
const GENERATED = /^(?:random_password\.[\w-]+\.result|tls_private_key\.[\w-]+\.private_key_\w+)$/;

/**
 * A secret version's value never comes from code: it is set out of band (`aws secretsmanager put-secret-value`),
 * or comes from a sensitive variable without default, a `sensitive(...)` provider attribute, or a generator.
 */
export function SecretVersionFromSecretSource(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_secretsmanager_secret_version') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  for (const attribute of ['secret_string', 'secret_binary', 'secret_string_wo']) {
    const value = subject.attributes[attribute];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && /^\$\{sensitive\(/.test(value)) continue;
    const address = typeof value === 'string' && isReference(value) ? referencedAddress(value) : undefined;
    const inner = typeof value === 'string' ? value.slice(2, -1) : '';
    if (address?.startsWith('var.') && subject.stack.sensitiveVariables.has(address.slice(4))) continue;
    if (address && GENERATED.test(inner)) continue;
    findings.push(`${attribute}::${address ?? (typeof value === 'string' && value.includes('${') ? 'computed' : 'literal')}`);
  }
  return findings;
}
