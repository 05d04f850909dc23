import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOktaSimulator, startServiceNowSimulator, type OktaSimulator, type ServiceNowSimulator } from '../../../simulators';
import { ENV } from '../../contract/env-names';
import { seedConfigTable } from './config-table';
import { startDynalite } from './dynalite';
import { environmentManagedGroups } from './example-groups';
import { generateServiceAppKey, generateWebhookSecret } from './keys';
import { enforceProductionRole } from './production-role';
import { RunningBridge, startBridge } from './start-bridge';
import { closeLocalStack, settleLocalStack } from './stack-lifecycle';

export const LOCAL_CLIENT_ID = '0oaJmlBridgeLocal';
export const LOCAL_TABLE = 'jml-bridge-local';
const SERVICENOW_USER = 'svc.jml-bridge';

export interface LocalEnvironment {
  readonly bridge: RunningBridge;
  readonly okta: OktaSimulator;
  readonly serviceNow: ServiceNowSimulator;
  readonly dynamoEndpoint: string;
  /** Throwaway secret of this run only; ServiceNow's script include would hold the real one. */
  readonly webhookSecret: string;
  readonly managedGroups: readonly string[];
  /** Where this run's seals are anchored (a fresh temporary directory, removed on close), unless sealing is off. */
  readonly sealDir?: string;
  /** Waits until the worker is idle and Okta's event hooks have been delivered. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts everything the bridge needs on this machine with no credentials: dynalite (in memory) with the bridge table,
 * the Okta simulator (the service app's public key registered, the environment's managed groups seeded), the
 * ServiceNow simulator (an integration user), then the bridge itself, and registers the bridge as the Okta event
 * hook (a real verification round trip). Keys and secrets are generated for this run and never written to the repo.
 */
export async function startLocalEnvironment(
  options: { environment?: string; bridgePort?: number; logLevel?: string; logSink?: (line: string) => void; seal?: boolean } = {},
): Promise<LocalEnvironment> {
  const managedGroups = environmentManagedGroups(options.environment ?? 'example');
  const key = await generateServiceAppKey();
  const dynamo = await startDynalite(LOCAL_TABLE);
  const okta = await startOktaSimulator({
    clients: [
      {
        clientId: LOCAL_CLIENT_ID,
        publicJwk: key.publicJwk,
        grantedScopes: ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage'],
        displayName: 'JML bridge (local)',
      },
    ],
    groups: managedGroups.map((name) => ({ name })),
    eventHookBatchDelayMs: 10,
  });
  // The service app holds production's custom role, so the demo sees the refusals production would.
  enforceProductionRole(okta, LOCAL_CLIENT_ID, managedGroups);
  const serviceNowPassword = randomBytes(18).toString('base64url');
  const serviceNow = await startServiceNowSimulator({ users: [{ username: SERVICENOW_USER, password: serviceNowPassword }] });
  const webhookSecret = generateWebhookSecret();
  const eventHookSecret = `Bearer ${randomBytes(24).toString('base64url')}`;
  const sealDir = options.seal === false ? undefined : mkdtempSync(join(tmpdir(), 'jml-bridge-seals-'));
  const env: Record<string, string> = {
    [ENV.logLevel]: options.logLevel ?? 'info',
    [ENV.tableName]: LOCAL_TABLE,
    [ENV.region]: 'local',
    [ENV.dynamoEndpoint]: dynamo.endpoint,
    ...(await seedConfigTable(dynamo.endpoint, `${LOCAL_TABLE}-config`, managedGroups)),
    [ENV.webhookSecret]: webhookSecret,
    [ENV.eventHookSecret]: eventHookSecret,
    [ENV.oktaOrgUrl]: okta.url,
    [ENV.oktaClientId]: LOCAL_CLIENT_ID,
    [ENV.oktaKeyId]: key.kid,
    [ENV.oktaPrivateKey]: JSON.stringify(key.privateJwk),
    [ENV.serviceNowUrl]: serviceNow.url,
    [ENV.serviceNowCredentials]: JSON.stringify({ type: 'basic', username: SERVICENOW_USER, password: serviceNowPassword }),
    ...(sealDir ? { [ENV.sealDir]: sealDir } : {}),
  };
  const bridge = await startBridge(env, { port: options.bridgePort ?? 0, releaseIntervalMs: 60_000, ...(options.logSink ? { logSink: options.logSink } : {}) });
  await okta.registerEventHook({
    url: `${bridge.url}/v1/okta/events`,
    authHeader: { key: 'Authorization', value: eventHookSecret },
    name: 'JML bridge (local)',
  });
  return {
    bridge,
    okta,
    serviceNow,
    dynamoEndpoint: dynamo.endpoint,
    webhookSecret,
    managedGroups,
    ...(sealDir ? { sealDir } : {}),
    settle: () => settleLocalStack({ bridge, okta }),
    close: async () => {
      await closeLocalStack({ bridge, okta, serviceNow, dynamo });
      if (sealDir) rmSync(sealDir, { recursive: true, force: true });
    },
  };
}
