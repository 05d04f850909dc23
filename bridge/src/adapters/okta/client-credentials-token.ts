import { createPrivateKey, KeyObject, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export interface ClientCredentialsSettings {
  readonly orgUrl: string;
  readonly clientId: string;
  readonly keyId: string;
  /** PEM (PKCS#1 or PKCS#8) or a private JWK as JSON. */
  readonly privateKey: string;
  readonly scopes: readonly string[];
  /** Bound on the token request, so an authorization server that never answers fails the invocation. @default 10000 */
  readonly timeoutMs?: number;
}

/**
 * Access tokens from the org authorization server with client credentials and a private_key_jwt client assertion
 * (reference §3.1), for callers outside the SDK (the Workflows invoke endpoint). Tokens live one hour; one is reused
 * until a minute before expiry.
 */
export class ClientCredentialsTokenProvider {
  private cached?: { token: string; expiresAtMs: number };
  private readonly key: KeyObject;

  constructor(private readonly settings: ClientCredentialsSettings) {
    const raw = settings.privateKey.trim();
    this.key = raw.startsWith('{') ? createPrivateKey({ key: JSON.parse(raw), format: 'jwk' }) : createPrivateKey(raw);
  }

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.expiresAtMs - 60_000) {
      return this.cached.token;
    }
    const tokenUrl = `${this.settings.orgUrl.replace(/\/$/, '')}/oauth2/v1/token`;
    const alg = this.key.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg, kid: this.settings.keyId })
      .setIssuer(this.settings.clientId)
      .setSubject(this.settings.clientId)
      .setAudience(tokenUrl)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(randomUUID())
      .sign(this.key);
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: this.settings.scopes.join(' '),
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }).toString(),
      signal: AbortSignal.timeout(this.settings.timeoutMs ?? 10_000),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!response.ok || !body.access_token) {
      throw new Error(
        `token request to ${tokenUrl} failed with ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}; check that client ${this.settings.clientId} has the key ${this.settings.keyId} and the scopes ${this.settings.scopes.join(' ')} granted`,
      );
    }
    this.cached = { token: body.access_token, expiresAtMs: Date.now() + (body.expires_in ?? 3600) * 1000 };
    return body.access_token;
  }
}
