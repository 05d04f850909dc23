import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a delivery was refused; the message is safe to return to the caller (it never contains the secret). */
export class SignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureError';
  }
}

/** Standard Webhooks' default tolerance between the sender's timestamp and our clock (docs/reference/standard-webhooks.md §7.1). */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** Standard Webhooks secrets are 24 to 64 random bytes (its specification, section "Signature scheme"); fewer are refused. */
export const MIN_SECRET_BYTES = 24;

/**
 * Decodes a `whsec_<base64>` secret (the prefix is optional) into key bytes.
 * @throws Error naming the expected format, never echoing the value
 */
export function decodeSecret(secret: string): Buffer {
  const base64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = Buffer.from(base64, 'base64');
  if (key.length < MIN_SECRET_BYTES || key.toString('base64').replace(/=+$/, '') !== base64.replace(/=+$/, '')) {
    throw new Error('webhook signing secret must be whsec_ followed by the base64 of 24-64 random bytes (Standard Webhooks format)');
  }
  return key;
}

/** The `v1,<base64>` signature of a message, as the sender computes it. */
export function sign(key: Buffer, webhookId: string, timestamp: number, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', key).update(`${webhookId}.${timestamp}.`).update(rawBody).digest('base64');
  return `v1,${mac}`;
}

/**
 * Verifies a Standard Webhooks delivery over the raw body, before anything parses it.
 *
 * Several keys may be active at once (rotation) and the header may carry several space-separated signatures; one
 * `v1` match with any key is enough. Comparison is constant-time. Ids containing '.' are refused, as the spec requires.
 */
export function verifyWebhook(params: {
  keys: readonly Buffer[];
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
  nowSeconds: number;
  toleranceSeconds?: number;
}): { webhookId: string; timestamp: number } {
  const webhookId = params.headers['webhook-id'];
  const timestampText = params.headers['webhook-timestamp'];
  const signatureHeader = params.headers['webhook-signature'];
  const missing = [
    ['webhook-id', webhookId],
    ['webhook-timestamp', timestampText],
    ['webhook-signature', signatureHeader],
  ]
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new SignatureError(`missing Standard Webhooks header(s): ${missing.join(', ')}; sign every request as described in docs/openapi.yaml`);
  }
  const id = webhookId as string;
  if (id.includes('.') || id.length > 256) {
    throw new SignatureError('webhook-id must not contain "." and must be at most 256 characters');
  }
  if (!/^\d{1,12}$/.test(timestampText as string)) {
    throw new SignatureError(`webhook-timestamp must be integer Unix seconds, got '${String(timestampText).slice(0, 32)}'`);
  }
  const timestamp = Number(timestampText);
  const tolerance = params.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const skew = params.nowSeconds - timestamp;
  if (skew > tolerance) {
    throw new SignatureError(
      `webhook-timestamp is ${skew} s old, beyond the ${tolerance} s tolerance; sign each delivery (and each retry) with the current time`,
    );
  }
  if (-skew > tolerance) {
    throw new SignatureError(`webhook-timestamp is ${-skew} s in the future, beyond the ${tolerance} s tolerance; check the sender's clock`);
  }
  const expected = params.keys.map((key) => Buffer.from(sign(key, id, timestamp, params.rawBody).slice(3), 'base64'));
  for (const entry of (signatureHeader as string).split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) {
      continue;
    }
    const candidate = Buffer.from(value, 'base64');
    if (expected.some((mac) => mac.length === candidate.length && timingSafeEqual(mac, candidate))) {
      return { webhookId: id, timestamp };
    }
  }
  throw new SignatureError(
    'no v1 signature in webhook-signature matches the body; sign `${webhook-id}.${webhook-timestamp}.${body}` with HMAC-SHA256 and the shared secret',
  );
}
