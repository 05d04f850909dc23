import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { SECRET_NAME, secretKinds } from '../../secrets';

/** Blocks whose keys name the values below them (tags, environment variables, module inputs). */
const NAMED_VALUES = new Set(['tags', 'tags_all', 'variables']);

/** True for a literal string (no Terraform expression in it) that is not empty. */
function isLiteral(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !value.includes('${');
}

/**
 * No secret value is written in clear anywhere Terraform reads: no URL with a password, no access key, private key,
 * token or JWT in any attribute (resources, data, providers, module inputs, variable defaults), and no literal value
 * under a name that says secret (a `password` tag, a `*_TOKEN` environment variable, a `client_secret` attribute).
 * The finding names the attribute and the kind of secret, never the value.
 */
export function NoSecretInClear(subject: GuardrailSubject): RuleResult {
  if (subject.kind === 'output' || subject.kind === 'backend') return Compliance.NOT_APPLICABLE;
  const findings = new Set<string>();
  const walk = (value: unknown, path: string, named: boolean) => {
    if (typeof value === 'string') {
      for (const kind of secretKinds(value)) findings.add(`${kind}::${path}`);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childPath = path ? `${path}.${key}` : key;
      if ((named || !path) && SECRET_NAME.test(key) && isLiteral(child) && !/^(?:true|false)$/.test(child)) findings.add(`Literal::${childPath}`);
      walk(child, Array.isArray(value) ? `${path}[${key}]` : childPath, NAMED_VALUES.has(key) || subject.kind === 'module');
    }
  };
  walk(subject.attributes, '', false);
  return [...findings];
}
