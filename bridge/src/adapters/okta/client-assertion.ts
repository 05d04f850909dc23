import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

/**
 * The one private_key_jwt client assertion of the project (RFC 7523 section 2.2, as Okta's "Build a JWT for client
 * authentication" describes it: `iss` = `sub` = client id, `aud` = the token endpoint, a fresh `jti`, at most one
 * hour of validity; see docs/reference/okta-oauth.md §3.1). The bridge's Workflows token provider and the OIG lookup tool
 * both sign with it.
 */

/** A private key ready to sign: RSA keys sign RS256, EC P-256 keys ES256 (the two Okta accepts for private_key_jwt). */
export interface SigningKey {
  readonly object: KeyObject;
  readonly alg: 'RS256' | 'ES256';
}

/**
 * Reads a PKCS#8 / PKCS#1 / SEC1 PEM (escaped `\n` allowed, as environment variables carry it) or a private JWK as
 * JSON. `source` names where the key came from, for the error.
 */
export function parseSigningKey(text: string, source: string): SigningKey {
  let object: KeyObject;
  try {
    const trimmed = text.trim();
    object = trimmed.startsWith('{') ? createPrivateKey({ key: JSON.parse(trimmed), format: 'jwk' }) : createPrivateKey(trimmed.replace(/\\n/g, '\n'));
  } catch (error) {
    throw new Error(`${source} is not a readable private key (PEM or JWK JSON): ${(error as Error).message}`, { cause: error });
  }
  if (object.asymmetricKeyType === 'rsa') return { object, alg: 'RS256' };
  if (object.asymmetricKeyType === 'ec') return { object, alg: 'ES256' };
  throw new Error(`${source} is a ${object.asymmetricKeyType} key; Okta private_key_jwt needs an RSA or EC P-256 key`);
}

/** A signed client assertion for one token request (Okta refuses a reused `jti`, so sign one per request). */
export async function signClientAssertion(options: {
  readonly clientId: string;
  readonly tokenUrl: string;
  readonly key: SigningKey;
  /** `kid` of the registered public key; needed when the app has several. */
  readonly keyId?: string;
}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader(options.keyId ? { alg: options.key.alg, kid: options.keyId } : { alg: options.key.alg })
    .setIssuer(options.clientId)
    .setSubject(options.clientId)
    .setAudience(options.tokenUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .setJti(randomUUID())
    .sign(options.key.object);
}

/** The form body of a client-credentials token request authenticated by `assertion`. */
export function clientCredentialsForm(scopes: readonly string[], assertion: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    scope: scopes.join(' '),
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
}
