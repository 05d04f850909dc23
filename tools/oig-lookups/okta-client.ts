import { clientCredentialsForm, parseSigningKey, signClientAssertion, type SigningKey } from '../../bridge/src/adapters/okta/client-assertion';
import { DpopProver } from './dpop';

/** Credentials of an Okta API service app that authenticates with private_key_jwt. */
export interface OktaServiceCredentials {
  /** `https://<org>.okta.com` (or the simulator's URL); also the audience base of the client assertion. */
  readonly orgUrl: string;
  readonly clientId: string;
  /** PKCS#8 PEM or a private JWK as JSON; it comes from the environment, never from a config file. */
  readonly privateKey: string;
  /** `kid` of the registered public key, when the app has several. @default - no kid header */
  readonly keyId?: string;
  readonly scopes: readonly string[];
}

/** An Okta API call that failed; carries Okta's error code and summary, never the token. */
export class OktaApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly requestPath: string,
    readonly errorCode: string | undefined,
    readonly errorSummary: string,
  ) {
    super(`GET ${requestPath} failed with HTTP ${status}${errorCode ? ` ${errorCode}` : ''}: ${errorSummary}`);
    this.name = 'OktaApiRequestError';
  }
}

/** One page of a list call: the items and the absolute URL of the next page, if any. */
interface Page<T> {
  readonly items: T[];
  readonly next?: string;
}

/**
 * A minimal read-only Okta API client: OAuth 2.0 client credentials with a private_key_jwt assertion, Bearer or
 * DPoP-bound requests, Okta's two pagination styles (Link header, `_links.next`).
 *
 * The discovery command needs two GETs; the official SDK has no Identity Governance API, so this stays small
 * rather than wrapping the SDK's request executor.
 */
export class OktaReadClient {
  private accessToken?: { value: string; type: 'Bearer' | 'DPoP'; expiresAt: number };
  private dpop?: DpopProver;
  private readonly key: SigningKey;

  constructor(
    private readonly credentials: OktaServiceCredentials,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.key = parseSigningKey(credentials.privateKey, 'OKTA_API_PRIVATE_KEY');
  }

  /** Every item of a list endpoint, following next links on the same origin only (the token never leaves the org). */
  public async listAll<T>(pathAndQuery: string, itemsOf: (body: unknown) => T[]): Promise<T[]> {
    const all: T[] = [];
    let url: string | undefined = new URL(pathAndQuery, this.credentials.orgUrl).toString();
    for (let pages = 0; url !== undefined; pages += 1) {
      if (pages >= 100) throw new Error(`GET ${pathAndQuery} returned more than 100 pages; refusing to continue`);
      const page: Page<T> = await this.getPage(url, itemsOf);
      all.push(...page.items);
      url = page.next;
    }
    return all;
  }

  private async getPage<T>(url: string, itemsOf: (body: unknown) => T[]): Promise<Page<T>> {
    const token = await this.token();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token.type === 'DPoP') {
      headers.Authorization = `DPoP ${token.value}`;
      headers.DPoP = await (this.dpop as DpopProver).proof('GET', url, { accessToken: token.value });
    } else {
      headers.Authorization = `Bearer ${token.value}`;
    }
    const response = await this.fetchImpl(url, { headers });
    const requestPath = new URL(url).pathname + new URL(url).search;
    const body = await readJson(response);
    if (!response.ok) throw apiError(response.status, requestPath, body);
    return { items: itemsOf(body), next: this.nextLink(response, body) };
  }

  private nextLink(response: Response, body: unknown): string | undefined {
    const fromHeader = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    const fromBody = (body as { _links?: { next?: { href?: string } } } | null)?._links?.next?.href;
    const next = fromHeader ?? fromBody;
    if (next === undefined) return undefined;
    const origin = new URL(this.credentials.orgUrl).origin;
    if (new URL(next, origin).origin !== origin) {
      throw new Error(`Okta returned a next link outside ${origin}; refusing to send the access token there`);
    }
    return new URL(next, origin).toString();
  }

  /**
   * A cached access token. Apps that require DPoP are detected from the token endpoint's answer
   * (`invalid_dpop_proof` for a request without a proof), then the request is repeated with a proof, and once more
   * with the server's nonce when it answers `use_dpop_nonce` (Okta's documented DPoP flow).
   */
  private async token(): Promise<{ value: string; type: 'Bearer' | 'DPoP' }> {
    if (this.accessToken && this.accessToken.expiresAt > Date.now() + 30_000) return this.accessToken;
    let attempt = await this.requestToken();
    if (attempt.body?.error === 'invalid_dpop_proof' && !this.dpop) {
      this.dpop = await DpopProver.create();
      attempt = await this.requestToken();
    }
    if (attempt.body?.error === 'use_dpop_nonce' && attempt.nonce) {
      attempt = await this.requestToken(attempt.nonce);
    }
    const body = attempt.body;
    if (!attempt.ok || !body?.access_token) {
      const reason = body?.error ? `${body.error}: ${body.error_description ?? ''}` : `HTTP ${attempt.status}`;
      throw new Error(
        `Okta refused the client-credentials token request for client ${this.credentials.clientId} (${reason}); ` +
          `check OKTA_API_CLIENT_ID, the key pair, and that the app is granted ${this.credentials.scopes.join(', ')}`,
      );
    }
    this.accessToken = {
      value: body.access_token,
      type: body.token_type === 'DPoP' ? 'DPoP' : 'Bearer',
      expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000,
    };
    return this.accessToken;
  }

  /** One token request with a freshly signed client assertion (Okta refuses a reused `jti`). */
  private async requestToken(dpopNonce?: string): Promise<{ ok: boolean; status: number; nonce?: string; body: TokenResponse | null }> {
    const tokenUrl = new URL('/oauth2/v1/token', this.credentials.orgUrl).toString();
    const assertion = await signClientAssertion({ clientId: this.credentials.clientId, keyId: this.credentials.keyId, tokenUrl, key: this.key });
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
    if (this.dpop) headers.DPoP = await this.dpop.proof('POST', tokenUrl, { nonce: dpopNonce });
    const response = await this.fetchImpl(tokenUrl, {
      method: 'POST',
      headers,
      body: clientCredentialsForm(this.credentials.scopes, assertion),
    });
    return {
      ok: response.ok,
      status: response.status,
      nonce: response.headers.get('dpop-nonce') ?? undefined,
      body: (await readJson(response)) as TokenResponse | null,
    };
  }
}

interface TokenResponse {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  error?: string;
  error_description?: string;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { errorSummary: `non-JSON response body (${text.slice(0, 80)})` };
  }
}

function apiError(status: number, requestPath: string, body: unknown): OktaApiRequestError {
  const okta = (body ?? {}) as { errorCode?: string; errorSummary?: string };
  return new OktaApiRequestError(status, requestPath, okta.errorCode, okta.errorSummary ?? 'no error summary in the response');
}
