import type { IncomingMessage } from 'node:http';
import { header } from '../http-kit/http';
import type { OktaServices, Principal } from './context';
import { forbidden, invalidToken } from './errors';
import type { LogActor } from './model';
import { verifyResourceDpop } from './dpop';

/** System Log actor for an OAuth service app (type as seen for client-credentials calls; unverified). */
export function clientActor(clientId: string, displayName: string | undefined): LogActor {
  return { id: clientId, type: 'PublicClientApp', alternateId: clientId, displayName: displayName ?? clientId };
}

/** The admin behind an SSWS token. */
const SSWS_ACTOR: LogActor = {
  id: '00uSswsTokenOwner001',
  type: 'User',
  alternateId: 'api-token-owner@simulator.invalid',
  displayName: 'API token owner',
};

/**
 * Identifies the caller from `Authorization`: `Bearer <token>` (or `DPoP <token>` with a proof) issued by the
 * simulator's org authorization server, or `SSWS <token>` when an API token is configured. Anything else is
 * 401 E0000011.
 */
export async function authenticate(req: IncomingMessage, url: URL, services: OktaServices): Promise<Principal> {
  const authorization = header(req, 'authorization') ?? '';
  const [scheme, credential] = splitScheme(authorization);
  if (scheme === 'ssws') {
    if (services.options.apiToken === undefined || credential !== services.options.apiToken) {
      throw invalidToken();
    }
    return { kind: 'ssws', scopes: 'all', actor: SSWS_ACTOR };
  }
  if (scheme !== 'bearer' && scheme !== 'dpop') {
    throw invalidToken();
  }
  const grant = services.tokens.lookup(credential);
  if (!grant) {
    throw invalidToken();
  }
  if (grant.jkt !== undefined) {
    if (scheme !== 'dpop') {
      // A DPoP-bound token presented as a plain bearer token.
      throw invalidToken();
    }
    await verifyResourceDpop(req, url, services, credential, grant.jkt);
  } else if (scheme === 'dpop') {
    throw invalidToken();
  }
  const client = services.clients.get(grant.clientId);
  return {
    kind: 'oauth',
    clientId: grant.clientId,
    scopes: new Set(grant.scopes),
    actor: clientActor(grant.clientId, client?.displayName),
  };
}

/**
 * Checks a scope; `okta.x.manage` also satisfies `okta.x.read`, as Okta documents manage scopes as including read.
 * Failure is 403 E0000006 with a `WWW-Authenticate` header shaped like the one reported in
 * okta/okta-sdk-golang#145; that issue saw no body, the simulator sends the E0000006 body as well (unsure which is
 * current behaviour).
 */
export function requireScope(principal: Principal, scope: string, url: URL, orgUrl: string): void {
  if (principal.scopes === 'all' || principal.scopes.has(scope)) {
    return;
  }
  if (scope.endsWith('.read') && principal.scopes.has(scope.replace(/\.read$/, '.manage'))) {
    return;
  }
  throw forbidden({
    'WWW-Authenticate':
      `Bearer authorization_uri="${orgUrl}/oauth2/v1/authorize", realm="${orgUrl}", scope="${scope}", ` +
      `error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", ` +
      `resource="${url.pathname}"`,
  });
}

function splitScheme(authorization: string): [string, string] {
  const space = authorization.indexOf(' ');
  if (space < 0) {
    return ['', ''];
  }
  return [authorization.slice(0, space).toLowerCase(), authorization.slice(space + 1).trim()];
}
