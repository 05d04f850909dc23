/**
 * Secret values in clear: how to recognise them in synthesized attributes, and how to keep them out of every
 * message, report and log line the guardrails write.
 */

/** A secret shape: what it is called in a finding, and a pattern whose first group (or whole match) is the secret. */
interface SecretShape {
  readonly kind: string;
  readonly pattern: RegExp;
  /** Text every match contains (case as the pattern matches it): a string without it is not scanned. */
  readonly marker: string | RegExp;
}

/**
 * Shapes of secret values that are unambiguous wherever they appear. Sources: RFC 3986 §3.2.1 (user:password in a
 * URL), AWS access key ids (`AKIA`/`ASIA` + 16), PEM private keys, JWTs (three base64url parts, header `eyJ`), Okta
 * API tokens (`00` + 40 characters, sent as `SSWS <token>`), Standard Webhooks secrets (`whsec_`).
 */
export const SECRET_SHAPES: readonly SecretShape[] = [
  // The scheme starts where a scheme run starts and is bounded (RFC 3986 schemes are short), so a long run of letters
  // is scanned once, not once per starting position.
  { kind: 'UrlPassword', pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/[^\s/?#@:]*:([^\s/?#@]+)@/gi, marker: '://' },
  {
    kind: 'UrlQuerySecret',
    pattern: /[?&](?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret|sig)=([^&#\s]+)/gi,
    marker: '=',
  },
  { kind: 'AwsAccessKey', pattern: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g, marker: /AKIA|ASIA/ },
  { kind: 'PrivateKey', pattern: /(-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$))/g, marker: '-----BEGIN ' },
  { kind: 'Jwt', pattern: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g, marker: 'eyJ' },
  { kind: 'OktaApiToken', pattern: /\bSSWS\s+([A-Za-z0-9_-]{20,})/g, marker: 'SSWS' },
  { kind: 'WebhookSecret', pattern: /\b(whsec_[A-Za-z0-9+/=]{16,})/g, marker: 'whsec_' },
];

/** Attribute or tag names whose literal value is a secret by its name. */
export const SECRET_NAME = /(pass(word|wd|phrase)?|secret|token|api[_-]?key|private[_-]?key|credential|client[_-]?secret|auth[_-]?header)$/i;

const MASK = '****';

/** The kinds of secret found in a string (empty when none), for a finding; never the value. */
export function secretKinds(text: string): string[] {
  const kinds: string[] = [];
  for (const { kind, pattern, marker } of SECRET_SHAPES) {
    if (typeof marker === 'string' ? !text.includes(marker) : !marker.test(text)) continue;
    pattern.lastIndex = 0;
    if (pattern.test(text)) kinds.push(kind);
    pattern.lastIndex = 0;
  }
  return kinds;
}

/** `text` with every recognisable secret replaced by `****`, safe to print in a message, report or log. */
export function redact(text: string): string {
  let out = text;
  for (const { pattern } of SECRET_SHAPES) {
    out = out.replace(pattern, (whole: string, secret: string | undefined) => (secret ? whole.replace(secret, MASK) : MASK));
  }
  return out;
}
