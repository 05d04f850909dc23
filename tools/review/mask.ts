import type { StackJson } from './synth-output';

/** What replaces a secret in a report. */
export const MASK = '(sensitive value masked)';

const SECRET_WORDS = new Set(['secret', 'token', 'password', 'passphrase', 'passwd', 'credential', 'credentials']);
const KEY_QUALIFIERS = new Set(['private', 'api', 'signing', 'access', 'client', 'hmac', 'master']);
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/**
 * True when an attribute named `key` (snake_case) holds secret material by its name: `client_basic_secret`,
 * `service_account_password`, `token`, `private_key`, `secret_string`, `key_material`. Names that only mention a
 * secret (`token_endpoint_auth_method`, `kms_key_id`, `secret_arn`) are not masked.
 */
export function isSecretName(key: string): boolean {
  const words = key
    .toLowerCase()
    .split(/[_\-.]/)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (!last) return false;
  if (SECRET_WORDS.has(last)) return true;
  if (last === 'key' && KEY_QUALIFIERS.has(words[words.length - 2] ?? '')) return true;
  if (last === 'material') return true;
  return words.includes('secret') && ['string', 'binary', 'value', 'wo'].includes(last);
}

/** Masks secrets anywhere in `value`: secret-named attributes, header values of `auth` blocks, PEM private keys. */
export function maskValue(value: unknown, key = '', parent = ''): unknown {
  // A flag such as `omit_secret = true` is not secret material.
  if (key && isSecretName(key)) return value === undefined || value === null || typeof value === 'boolean' ? value : MASK;
  if (key === 'value' && ['auth', 'headers', 'header'].includes(parent)) return MASK;
  if (typeof value === 'string') return PEM_PRIVATE_KEY.test(value) ? MASK : value;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, '', key || parent));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, k, key)]));
  }
  return value;
}

/**
 * A copy of a stack's JSON with every secret masked: inside each resource, data source, provider and backend
 * body (type and element names are never masked), sensitive variable defaults and sensitive outputs.
 */
export function maskStack(json: StackJson): StackJson {
  const masked = structuredClone(json) as StackJson;
  for (const kind of ['resource', 'data'] as const) {
    for (const byName of Object.values(masked[kind] ?? {})) {
      for (const [name, body] of Object.entries(byName)) byName[name] = maskValue(body) as Record<string, unknown>;
    }
  }
  if (masked.provider) masked.provider = maskValue(masked.provider) as StackJson['provider'];
  const terraform = masked.terraform as { backend?: unknown } | undefined;
  if (terraform?.backend) terraform.backend = maskValue(terraform.backend);
  for (const variable of Object.values(masked.variable ?? {})) if (variable.sensitive && 'default' in variable) variable.default = MASK;
  for (const output of Object.values(masked.output ?? {})) if (output.sensitive && 'value' in output) output.value = MASK;
  return masked;
}
