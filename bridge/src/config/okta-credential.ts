/**
 * The JML service app's credential as the bridge reads it from its Okta key secret.
 *
 * The client id only exists once the identity stack is deployed, and the identity stack is deployed after the
 * bridge (it points its event hook at the bridge), so the id cannot reach the bridge through Terraform. It is
 * stored out of band with the private key, in one JSON secret:
 * `{"clientId":"0oa...","keyId":"jml-bridge-2026-11","privateKey":"-----BEGIN PRIVATE KEY-----..." | {JWK}}`.
 * A bare PEM or JWK is still accepted when `OKTA_CLIENT_ID` / `OKTA_KEY_ID` are set (local mode, tests).
 */
export interface OktaCredential {
  readonly clientId: string;
  readonly keyId: string;
  /** PEM text or a JWK serialized as JSON, as the Okta SDK takes it. */
  readonly privateKey: string;
}

/** The fields the secret may hold, and the environment variables that may supply the same values. */
export interface OktaCredentialSources {
  readonly secret: string;
  readonly clientId?: string;
  readonly keyId?: string;
}

/** Builds the credential; returns the problems (naming the variable or secret field and the fix) when it cannot. */
export function oktaCredentialFrom(sources: OktaCredentialSources): { credential?: OktaCredential; problems: string[] } {
  const bundle = parseBundle(sources.secret);
  const clientId = bundle?.clientId ?? sources.clientId;
  const keyId = bundle?.keyId ?? sources.keyId;
  const privateKey = bundle ? bundle.privateKey : sources.secret;
  const problems: string[] = [];
  if (!clientId) {
    problems.push('OKTA_CLIENT_ID: missing; put "clientId" (identity output service_app_client_id) in the Okta key secret');
  }
  if (!keyId) {
    problems.push('OKTA_KEY_ID: missing; put "keyId" (the kid registered on the service app) in the Okta key secret');
  }
  if (!privateKey) {
    problems.push('OKTA_PRIVATE_KEY: the Okta key secret has no "privateKey"; store the PEM or the private JWK there');
  }
  if (problems.length > 0 || !clientId || !keyId || !privateKey) return { problems };
  return { credential: { clientId, keyId, privateKey }, problems };
}

interface Bundle {
  clientId?: string;
  keyId?: string;
  privateKey?: string;
}

/** The secret as a bundle, or undefined when it is a bare PEM or JWK. */
function parseBundle(secret: string): Bundle | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('privateKey' in parsed)) return undefined;
  const fields = parsed as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  return {
    clientId: text(fields.clientId),
    keyId: text(fields.keyId),
    privateKey: typeof fields.privateKey === 'object' && fields.privateKey !== null ? JSON.stringify(fields.privateKey) : text(fields.privateKey),
  };
}
