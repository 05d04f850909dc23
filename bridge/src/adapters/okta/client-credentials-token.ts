import { clientCredentialsForm, parseSigningKey, signClientAssertion, type SigningKey } from './client-assertion';

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
 * (`./client-assertion.ts`), for callers outside the SDK (the Workflows invoke endpoint). Tokens live one hour; one is reused
 * until a minute before expiry.
 */
export class ClientCredentialsTokenProvider {
  private cached?: { token: string; expiresAtMs: number };
  private readonly key: SigningKey;

  constructor(private readonly settings: ClientCredentialsSettings) {
    this.key = parseSigningKey(settings.privateKey, 'the Okta private key');
  }

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.expiresAtMs - 60_000) {
      return this.cached.token;
    }
    const tokenUrl = `${this.settings.orgUrl.replace(/\/$/, '')}/oauth2/v1/token`;
    const assertion = await signClientAssertion({ clientId: this.settings.clientId, keyId: this.settings.keyId, tokenUrl, key: this.key });
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: clientCredentialsForm(this.settings.scopes, assertion).toString(),
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
