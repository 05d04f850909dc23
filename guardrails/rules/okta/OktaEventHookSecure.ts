import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord, isReference, referencedAddress } from '../../values';

/** Data sources whose values are secrets by construction, acceptable as the source of a header secret. */
const SECRET_SOURCES = ['data.aws_secretsmanager_secret_version.', 'data.aws_ssm_parameter.'];

/**
 * An event hook delivers over https and authenticates with a header whose value comes from a sensitive input
 * (a `sensitive` variable or a secret-store data source), never a literal in the configuration.
 */
export function OktaEventHookSecure(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'okta_event_hook') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  const uri = asRecord(subject.attributes.channel)?.uri;
  // A URI built on a reference (the bridge stack's API endpoint + path) takes its scheme from the referenced
  // resource, which is judged where it is declared; only literal URIs are checked here.
  if (typeof uri !== 'string' || (!uri.startsWith('${') && !uri.startsWith('https://'))) findings.push(`Uri::${String(uri)}`);
  const auth = asRecord(subject.attributes.auth);
  if (!auth || auth.type !== 'HEADER') return [...findings, 'Auth::missing'];
  const value = auth.value;
  const address = typeof value === 'string' && isReference(value) ? referencedAddress(value) : undefined;
  if (!address) findings.push('AuthValue::literal');
  else if (address.startsWith('var.')) {
    if (!subject.stack.sensitiveVariables.has(address.slice('var.'.length))) findings.push(`AuthValue::${address}`);
  } else if (!SECRET_SOURCES.some((prefix) => address.startsWith(prefix))) findings.push(`AuthValue::${address}`);
  return findings;
}
