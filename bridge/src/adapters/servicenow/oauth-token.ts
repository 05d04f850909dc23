/**
 * Access tokens for the ServiceNow Table API from the instance's OAuth endpoint (`/oauth_token.do`) with the client
 * credentials grant. Instances keep that grant off until `glide.oauth.inbound.client.credential.grant_type.enabled`
 * is set and the OAuth entity names an "OAuth Application User" (docs/reference/servicenow-api.md §5.5). Tokens are reused until a minute
 * before they expire, and dropped when the Table API answers 401.
 */
export class ServiceNowTokenProvider {
  private cached?: { token: string; expiresAtMs: number };

  constructor(
    private readonly instanceUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.expiresAtMs - 60_000) {
      return this.cached.token;
    }
    const url = `${this.instanceUrl.replace(/\/$/, '')}/oauth_token.do`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.clientId, client_secret: this.clientSecret }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!response.ok || !body.access_token) {
      throw new Error(
        `ServiceNow token request to ${url} failed with ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}; check the OAuth client ${this.clientId}, its secret, its OAuth Application User and that the client credentials grant is enabled on the instance`,
      );
    }
    this.cached = { token: body.access_token, expiresAtMs: Date.now() + (body.expires_in ?? 1800) * 1000 };
    return body.access_token;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
