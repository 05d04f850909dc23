import { decodeJwt, decodeProtectedHeader, errors as joseErrors, importJWK, jwtVerify } from 'jose';
import { parseFormBody, type HttpResult } from '../http-kit/http';
import type { OktaRequestContext, OktaRoute, OktaServices } from './context';
import { DpopNonces, OAuthError, verifyTokenRequestDpop } from './dpop';
import type { OktaClientRegistration } from './options';

/**
 * The org authorization server's token endpoint, client credentials with private_key_jwt only (docs/reference/okta-oauth.md §3.1):
 * the assertion is verified against the registered public key; `iss` = `sub` = client id; `aud` = this endpoint's
 * URL; `exp` present, in the future and at most one hour ahead; `jti`, when sent, never reused.
 */

export const TOKEN_PATH = '/oauth2/v1/token';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ALGORITHMS: Record<string, readonly string[]> = {
  RSA: ['RS256', 'RS384', 'RS512'],
  EC: ['ES256', 'ES384', 'ES512'],
};
/** Okta allows `exp` at most one hour ahead; a minute of slack covers clock skew. */
const MAX_ASSERTION_LIFETIME_SECONDS = 3600 + 60;
const CLOCK_TOLERANCE_SECONDS = 30;

const nonceStores = new WeakMap<OktaServices, DpopNonces>();

async function issueToken(ctx: OktaRequestContext, services: OktaServices): Promise<HttpResult> {
  const form = parseFormBody(ctx.rawBody);
  const tokenUrl = `${services.orgUrl()}${TOKEN_PATH}`;
  if (form.grant_type === undefined) {
    throw new OAuthError(400, 'invalid_request', 'The request is missing a required parameter: grant_type.');
  }
  if (form.grant_type !== 'client_credentials') {
    throw new OAuthError(
      400,
      'unsupported_grant_type',
      `The authorization grant type ${form.grant_type} is not supported by the org authorization server for service apps; use client_credentials.`,
    );
  }
  if (form.client_assertion_type !== ASSERTION_TYPE || !form.client_assertion) {
    throw new OAuthError(
      401,
      'invalid_client',
      `Client authentication must use private_key_jwt: send client_assertion_type=${ASSERTION_TYPE} and a signed client_assertion.`,
    );
  }
  const client = await verifyAssertion(form.client_assertion, form.client_id, tokenUrl, services);
  const scopes = (form.scope ?? '').split(' ').filter((s) => s.length > 0);
  if (scopes.length === 0) {
    throw new OAuthError(400, 'invalid_scope', "The 'scope' parameter is required: list the Okta API scopes the token needs.");
  }
  const notGranted = scopes.filter((s) => !client.grantedScopes.includes(s));
  if (notGranted.length > 0) {
    throw new OAuthError(
      400,
      'invalid_scope',
      `The following scopes are not granted to client ${client.clientId}: ${notGranted.join(' ')}. Grant them on the app's Okta API Scopes tab or stop requesting them.`,
    );
  }
  let jkt: string | undefined;
  if (client.requireDpop === true) {
    let nonces = nonceStores.get(services);
    if (!nonces) {
      nonces = new DpopNonces();
      nonceStores.set(services, nonces);
    }
    jkt = await verifyTokenRequestDpop(ctx.req, tokenUrl, services, nonces);
  }
  const ttl = services.options.accessTokenTtlSeconds ?? 3600;
  const accessToken = services.tokens.issue({
    clientId: client.clientId,
    scopes,
    expiresAt: Date.now() + ttl * 1000,
    jkt,
  });
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    body: { token_type: jkt ? 'DPoP' : 'Bearer', expires_in: ttl, access_token: accessToken, scope: scopes.join(' ') },
  };
}

async function verifyAssertion(assertion: string, formClientId: string | undefined, tokenUrl: string, services: OktaServices): Promise<OktaClientRegistration> {
  let claims;
  let header;
  try {
    claims = decodeJwt(assertion);
    header = decodeProtectedHeader(assertion);
  } catch (err) {
    throw new OAuthError(401, 'invalid_client', `The client_assertion is not a valid JWT: ${(err as Error).message}`);
  }
  const clientId = formClientId ?? claims.iss ?? claims.sub;
  const client = clientId === undefined ? undefined : services.clients.get(clientId);
  if (!client) {
    throw new OAuthError(401, 'invalid_client', `The client_id ${String(clientId)} is not a registered service app.`);
  }
  const kty = String(client.publicJwk.kty);
  const allowed = ALGORITHMS[kty] ?? [];
  if (!allowed.includes(String(header.alg))) {
    throw new OAuthError(
      401,
      'invalid_client',
      `The client_assertion alg ${String(header.alg)} does not fit the registered ${kty} key; use one of ${allowed.join(', ')}.`,
    );
  }
  if (client.publicJwk.kid !== undefined && header.kid !== undefined && header.kid !== client.publicJwk.kid) {
    throw new OAuthError(401, 'invalid_client', `The client_assertion kid ${header.kid} does not match any registered key.`);
  }
  let payload;
  try {
    const key = await importJWK(client.publicJwk, String(header.alg));
    ({ payload } = await jwtVerify(assertion, key, {
      algorithms: [...allowed],
      issuer: client.clientId,
      subject: client.clientId,
      audience: tokenUrl,
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (err) {
    throw new OAuthError(401, 'invalid_client', describeJoseFailure(err, tokenUrl));
  }
  const now = Math.floor(Date.now() / 1000);
  if ((payload.exp as number) - now > MAX_ASSERTION_LIFETIME_SECONDS) {
    throw new OAuthError(
      401,
      'invalid_client',
      `The client_assertion exp is ${(payload.exp as number) - now} s ahead; it must be at most one hour in the future.`,
    );
  }
  if (payload.jti !== undefined && !services.jtis.remember(`${client.clientId}:${payload.jti}`, (payload.exp as number) * 1000)) {
    throw new OAuthError(
      401,
      'invalid_client',
      `The client_assertion jti ${payload.jti} was already used; sign a new assertion with a fresh jti for every token request.`,
    );
  }
  return client;
}

function describeJoseFailure(err: unknown, tokenUrl: string): string {
  if (err instanceof joseErrors.JWTExpired) {
    return 'The client_assertion has expired (exp is in the past); sign a new one.';
  }
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') {
      return `The client_assertion aud must be the token endpoint URL ${tokenUrl}.`;
    }
    return `The client_assertion claim ${err.claim} is invalid (${err.reason}); iss and sub must both be the client id and exp is required.`;
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
    return "The client_assertion signature does not verify with the app's registered public key; sign with the matching private key.";
  }
  return `The client_assertion could not be verified: ${(err as Error).message}`;
}

export const oauthRoutes: readonly OktaRoute[] = [{ method: 'POST', path: TOKEN_PATH, bucket: 'oauth2-token', auth: 'self', handle: issueToken }];
