import { randomBytes, randomUUID } from 'node:crypto';

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += ALPHANUM[bytes[i] % ALPHANUM.length];
  }
  return out;
}

/**
 * An Okta object id: a 3-character type prefix and 17 alphanumerics, 20 characters in all
 * (`00u` users, `00g` groups, `0oa` apps, `0pr` group rules), the shape real org ids have.
 */
export function oktaId(prefix: '00u' | '00g' | '0oa' | '0pr'): string {
  return prefix + randomAlphanumeric(17);
}

/** An `X-Okta-Request-Id`: real ones are 27-character URL-safe strings. */
export function requestId(): string {
  return randomBytes(20).toString('base64url');
}

/** An Okta `errorId`, which starts with `oae` in real responses. */
export function errorId(): string {
  return `oae${randomAlphanumeric(22)}`;
}

/** A System Log / event-hook uuid. */
export function uuid(): string {
  return randomUUID();
}

/** A 24-hex-character id as the governance APIs use for request sequences. */
export function hex24(): string {
  return randomBytes(12).toString('hex');
}

/** An opaque bearer token. */
export function opaqueToken(): string {
  return randomBytes(32).toString('base64url');
}
