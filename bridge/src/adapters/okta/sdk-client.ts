import { Client } from '@okta/okta-sdk-nodejs';
import { Logger } from '../../ports/logger';
import { PacingRequestExecutor } from './pacing-request-executor';
import { RetryPolicy } from './retry-policy';

/** The Okta scopes the JML service app is granted (identity stack): read and manage users and groups, nothing else. */
export const JML_OKTA_SCOPES = ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage'] as const;

export interface OktaClientSettings {
  readonly orgUrl: string;
  readonly clientId: string;
  /** `kid` of the public key registered on the service app. */
  readonly keyId: string;
  /** PEM (PKCS#1/PKCS#8) or JWK JSON of the private key. */
  readonly privateKey: string;
  readonly scopes: readonly string[];
  readonly retry: RetryPolicy;
}

/**
 * Builds the official Okta SDK client in `PrivateKey` mode (OAuth 2.0 client credentials with private_key_jwt against
 * the org authorization server, docs/reference/okta-oauth.md §3.1) with the bridge's request executor.
 *
 * The SDK's GET cache is switched off: lifecycle steps must read the user's current status, never a cached one.
 */
export function createOktaClient(settings: OktaClientSettings, logger: Logger): Client {
  return new Client({
    orgUrl: settings.orgUrl,
    authorizationMode: 'PrivateKey',
    clientId: settings.clientId,
    keyId: settings.keyId,
    privateKey: settings.privateKey,
    scopes: [...settings.scopes],
    requestExecutor: new PacingRequestExecutor(settings.retry, logger),
    cacheMiddleware: null,
  });
}
