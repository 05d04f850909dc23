import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';
import { ALL_SIMULATED_SCOPES } from '../okta/scopes';

/** A service-app key pair as a test registers it: the public JWK for the simulator, the private key to sign. */
export interface TestClientKey {
  readonly alg: 'RS256' | 'ES256';
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

export async function makeClientKey(alg: 'RS256' | 'ES256' = 'RS256'): Promise<TestClientKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  return {
    alg,
    kid,
    privateKey,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg },
  };
}

export interface AssertionOptions {
  readonly clientId: string;
  readonly audience: string;
  readonly key: TestClientKey;
  /** Seconds from now; negative for an expired assertion. @default 300 */
  readonly expiresIn?: number;
  /** @default - a fresh uuid */
  readonly jti?: string;
  readonly issuer?: string;
}

/** Signs a private_key_jwt client assertion. */
export async function signAssertion(o: AssertionOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: o.key.alg, kid: o.key.kid })
    .setIssuer(o.issuer ?? o.clientId)
    .setSubject(o.clientId)
    .setAudience(o.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (o.expiresIn ?? 300))
    .setJti(o.jti ?? randomUUID())
    .sign(o.key.privateKey);
}

/** POSTs a client-credentials token request and returns status, body and headers. */
export async function requestToken(
  orgUrl: string,
  assertion: string,
  scope: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${orgUrl}/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...extraHeaders },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** Gets an access token for a client, failing the test with the server's answer if it cannot. */
export async function accessToken(orgUrl: string, clientId: string, key: TestClientKey, scope: string): Promise<string> {
  const assertion = await signAssertion({ clientId, audience: `${orgUrl}/oauth2/v1/token`, key });
  const { status, body } = await requestToken(orgUrl, assertion, scope);
  if (status !== 200) {
    throw new Error(`token request failed with ${status}: ${JSON.stringify(body)}`);
  }
  return String(body.access_token);
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/** Calls an API path with a bearer token and a JSON body; parses a JSON answer. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
  if (options.token !== undefined) {
    headers.Authorization = `Bearer ${options.token}`;
  }
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  if (text.length > 0 && (response.headers.get('content-type') ?? '').includes('json')) {
    body = JSON.parse(text);
  }
  return { status: response.status, headers: response.headers, body };
}

/** Every scope the Okta simulator checks, for clients that should be allowed everything. */
export const ALL_SCOPES = [...ALL_SIMULATED_SCOPES];
