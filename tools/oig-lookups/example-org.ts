import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { startOktaSimulator, type OktaSimulator } from '../../simulators';
import { DISCOVERY_SCOPES } from './discovery';

/** Fixed ids of the example org, so the committed example lookup file is reproducible. */
export const EXAMPLE_APP_ID = '0oaexamplepam0000001';
export const EXAMPLE_SEQUENCES = [
  { id: '65a1f0c2e4b0a1b2c3d4e5f1', name: 'Manager then Security', description: 'Manager, then the security team' },
  { id: '65a1f0c2e4b0a1b2c3d4e5f2', name: 'Manager approval', description: "The requester's manager" },
  { id: '65a1f0c2e4b0a1b2c3d4e5f3', name: 'No approval', description: 'Unused by the example; proves names are matched exactly' },
] as const;

export interface ExampleOrg {
  readonly okta: OktaSimulator;
  /** Environment variables that point the discovery command at the simulator. */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Starts the project's Okta simulator as the example environment's org: the Okta Privileged Access app (plus a
 * look-alike label that a prefix search also returns), its approval sequences, and a discovery service app with a
 * throw-away key pair granted exactly the discovery scopes.
 */
export async function startExampleOrg(extraScopes: readonly string[] = []): Promise<ExampleOrg> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'discovery' };
  const okta = await startOktaSimulator({
    clients: [{ clientId: '0oadiscovery00000001', publicJwk, grantedScopes: [...DISCOVERY_SCOPES, ...extraScopes] }],
    apps: [
      { id: EXAMPLE_APP_ID, label: 'Okta Privileged Access', name: 'okta_privileged_access' },
      { id: '0oaexamplepam0000002', label: 'Okta Privileged Access (staging)', name: 'okta_privileged_access' },
    ],
    requestSequences: { [EXAMPLE_APP_ID]: EXAMPLE_SEQUENCES },
  });
  return {
    okta,
    env: {
      OKTA_ORG_URL: okta.url,
      OKTA_API_CLIENT_ID: '0oadiscovery00000001',
      OKTA_API_PRIVATE_KEY: await exportPKCS8(privateKey),
      OKTA_API_PRIVATE_KEY_ID: 'discovery',
    },
  };
}
