import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify, type JWK } from 'jose';
import { header } from '../http-kit/http';
import type { OktaServices } from './context';
import { OktaApiError } from './errors';

/**
 * DPoP (RFC 9449) as Okta applies it to service apps that require it (docs/reference/okta-oauth.md §3.3): the token request carries a
 * proof signed with a key embedded in the proof header; Okta first answers 400 `use_dpop_nonce` with a
 * `DPoP-Nonce` header, the client retries with the nonce; the token is bound to the key's thumbprint and every API
 * call sends `Authorization: DPoP <token>` plus a fresh proof with `ath`.
 */

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];
const MAX_PROOF_AGE_SECONDS = 300;
const NONCE_LIFETIME_MS = 5 * 60_000;

/** An OAuth error answered by the token endpoint. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${error}: ${description}`);
    this.name = 'OAuthError';
  }
}

/** Nonces the token endpoint handed out, valid for five minutes. */
export class DpopNonces {
  private readonly issued = new Map<string, number>();

  issue(now = Date.now()): string {
    const nonce = randomBytes(16).toString('base64url');
    this.issued.set(nonce, now + NONCE_LIFETIME_MS);
    return nonce;
  }

  isValid(nonce: unknown, now = Date.now()): boolean {
    if (typeof nonce !== 'string') {
      return false;
    }
    const exp = this.issued.get(nonce);
    return exp !== undefined && exp > now;
  }
}

interface VerifiedProof {
  readonly jkt: string;
  readonly nonce: unknown;
}

async function verifyProof(proof: string, method: string, fullUrl: string, services: OktaServices, accessToken: string | undefined): Promise<VerifiedProof> {
  let result;
  try {
    result = await jwtVerify(proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: ALGORITHMS,
      maxTokenAge: MAX_PROOF_AGE_SECONDS,
      requiredClaims: ['iat', 'jti', 'htm', 'htu'],
    });
  } catch (err) {
    throw new Error(`DPoP proof is invalid: ${(err as Error).message}`);
  }
  const { payload, protectedHeader } = result;
  if (payload.htm !== method) {
    throw new Error(`DPoP proof htm is ${String(payload.htm)} but the request method is ${method}`);
  }
  const htu = fullUrl.split('?')[0].split('#')[0];
  if (payload.htu !== htu) {
    throw new Error(`DPoP proof htu is ${String(payload.htu)} but the request URL is ${htu}`);
  }
  if (accessToken !== undefined) {
    const ath = createHash('sha256').update(accessToken).digest('base64url');
    if (payload.ath !== ath) {
      throw new Error('DPoP proof ath does not match the SHA-256 of the access token');
    }
  }
  const jkt = await calculateJwkThumbprint(protectedHeader.jwk as JWK);
  if (!services.jtis.remember(`dpop:${jkt}:${String(payload.jti)}`, Date.now() + MAX_PROOF_AGE_SECONDS * 1000)) {
    throw new Error(`DPoP proof jti ${String(payload.jti)} was already used; send a fresh proof per request`);
  }
  return { jkt, nonce: payload.nonce };
}

/** Verifies the token request's proof and nonce; returns the thumbprint the token must be bound to. */
export async function verifyTokenRequestDpop(req: IncomingMessage, tokenUrl: string, services: OktaServices, nonces: DpopNonces): Promise<string> {
  const proof = header(req, 'dpop');
  if (!proof) {
    throw new OAuthError(400, 'invalid_dpop_proof', 'The DPoP proof JWT header is missing.');
  }
  let verified: VerifiedProof;
  try {
    verified = await verifyProof(proof, 'POST', tokenUrl, services, undefined);
  } catch (err) {
    throw new OAuthError(400, 'invalid_dpop_proof', (err as Error).message);
  }
  if (!nonces.isValid(verified.nonce)) {
    throw new OAuthError(400, 'use_dpop_nonce', 'Authorization server requires nonce in DPoP proof.', {
      'DPoP-Nonce': nonces.issue(),
    });
  }
  return verified.jkt;
}

/**
 * Verifies the proof sent with an API call made with a DPoP-bound token. Failures are 401 E0000011 with a
 * `WWW-Authenticate: DPoP` challenge (the exact Okta answer for a bad resource proof is unverified).
 */
export async function verifyResourceDpop(req: IncomingMessage, url: URL, services: OktaServices, accessToken: string, expectedJkt: string): Promise<void> {
  const proof = header(req, 'dpop');
  const challenge = (description: string): OktaApiError =>
    new OktaApiError(401, 'E0000011', 'Invalid token provided', [description], {
      'WWW-Authenticate': `DPoP error="invalid_dpop_proof", error_description="${description}"`,
    });
  if (!proof) {
    throw challenge('The DPoP proof JWT header is missing.');
  }
  let verified: VerifiedProof;
  try {
    verified = await verifyProof(proof, req.method ?? 'GET', `${services.orgUrl()}${url.pathname}`, services, accessToken);
  } catch (err) {
    throw challenge((err as Error).message);
  }
  if (verified.jkt !== expectedJkt) {
    throw challenge('The DPoP proof key does not match the key the access token is bound to.');
  }
}
