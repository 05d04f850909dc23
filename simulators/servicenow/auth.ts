import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { header, parseFormBody, type HttpResult } from '../http-kit/http';
import { notAuthenticated } from './errors';
import type { ServiceNowOAuthClient, ServiceNowSimulatorOptions, ServiceNowUser } from './options';

interface TokenGrant {
  readonly username: string;
  readonly expiresAt: number;
}

/**
 * Inbound authentication of the simulated instance: HTTP Basic for integration users, and bearer tokens from
 * `/oauth_token.do` (password grant; refresh_token; client_credentials only for clients with an application user).
 */
export class ServiceNowAuth {
  private readonly users = new Map<string, ServiceNowUser>();
  private readonly clients = new Map<string, ServiceNowOAuthClient>();
  private readonly accessTokens = new Map<string, TokenGrant>();
  private readonly refreshTokens = new Map<string, { username: string; clientId: string }>();

  constructor(private readonly options: ServiceNowSimulatorOptions) {
    for (const user of options.users ?? []) {
      this.users.set(user.username, user);
    }
    for (const client of options.oauthClients ?? []) {
      this.clients.set(client.clientId, client);
    }
  }

  /** The authenticated user of a Table API request; 401 in ServiceNow's shape otherwise. */
  authenticate(req: IncomingMessage): ServiceNowUser {
    const authorization = header(req, 'authorization') ?? '';
    if (authorization.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = this.users.get(decoded.slice(0, colon));
      if (colon > 0 && user && user.password === decoded.slice(colon + 1)) {
        return user;
      }
      throw notAuthenticated();
    }
    if (authorization.startsWith('Bearer ')) {
      const grant = this.accessTokens.get(authorization.slice(7).trim());
      const user = grant ? this.users.get(grant.username) : undefined;
      if (grant && user && grant.expiresAt > Date.now()) {
        return user;
      }
      throw notAuthenticated();
    }
    throw notAuthenticated();
  }

  /** Makes every issued access token invalid. */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  /**
   * `POST /oauth_token.do`. Failures answer 401 `{"error_description":"access_denied","error":"server_error"}`,
   * the body instances send for bad credentials.
   */
  token(rawBody: Buffer): HttpResult {
    const form = parseFormBody(rawBody);
    const denied: HttpResult = { status: 401, body: { error_description: 'access_denied', error: 'server_error' } };
    const client = this.clients.get(form.client_id ?? '');
    if (!client || client.clientSecret !== form.client_secret) {
      return denied;
    }
    let username: string | undefined;
    if (form.grant_type === 'password') {
      const user = this.users.get(form.username ?? '');
      username = user && user.password === form.password ? user.username : undefined;
    } else if (form.grant_type === 'refresh_token') {
      const refresh = this.refreshTokens.get(form.refresh_token ?? '');
      username = refresh && refresh.clientId === client.clientId ? refresh.username : undefined;
    } else if (form.grant_type === 'client_credentials') {
      username = client.applicationUser;
    } else {
      return { status: 400, body: { error_description: `unsupported grant_type ${String(form.grant_type)}`, error: 'invalid_request' } };
    }
    if (username === undefined || !this.users.has(username)) {
      return denied;
    }
    const ttl = this.options.accessTokenTtlSeconds ?? 1800;
    const accessToken = randomBytes(32).toString('base64url');
    const refreshToken = randomBytes(32).toString('base64url');
    this.accessTokens.set(accessToken, { username, expiresAt: Date.now() + ttl * 1000 });
    this.refreshTokens.set(refreshToken, { username, clientId: client.clientId });
    return {
      status: 200,
      body: {
        access_token: accessToken,
        refresh_token: refreshToken,
        scope: 'useraccount',
        token_type: 'Bearer',
        expires_in: ttl - 1,
      },
    };
  }
}
