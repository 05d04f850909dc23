import { startOktaSimulator, startServiceNowSimulator, type OktaSimulator, type OktaSimulatorOptions, type ServiceNowSimulator } from '../../../simulators';
import { ENV } from '../../contract/env-names';
import { seedConfigTable } from '../local/config-table';
import { startDynalite } from '../local/dynalite';
import { environmentManagedGroups } from '../local/example-groups';
import { generateServiceAppKey, generateWebhookSecret } from '../local/keys';
import { enforceProductionRole } from '../local/production-role';
import { postSignedRequest } from '../local/sign-request';
import { RunningBridge, startBridge } from '../local/start-bridge';
import { closeLocalStack, settleLocalStack } from '../local/stack-lifecycle';

export const CLIENT_ID = '0oaJmlBridgeTest';
export const EVENT_HOOK_SECRET = 'Bearer event-hook-test-secret';
export const MANAGED_GROUPS = environmentManagedGroups('example');
export const SERVICENOW_USER = { username: 'svc.jml-bridge', password: 'servicenow-test-password' };
export const SERVICENOW_OAUTH_CLIENT = {
  clientId: 'jml-bridge-oauth',
  clientSecret: 'servicenow-oauth-test-secret',
  applicationUser: SERVICENOW_USER.username,
};

export interface TestStack {
  readonly okta: OktaSimulator;
  readonly serviceNow: ServiceNowSimulator;
  readonly bridge: RunningBridge;
  readonly webhookSecret: string;
  /** The environment the bridge was started from (what a Lambda function would get). */
  readonly env: Readonly<Record<string, string>>;
  readonly logs: string[];
  /** Moves the bridge's clock forward (effective dates, scheduling); Okta and the network keep real time. */
  advanceClock(ms: number): void;
  submit(body: unknown, options?: { webhookId?: string; timestamp?: number }): ReturnType<typeof postSignedRequest>;
  /** Waits for the worker, then for Okta's event-hook deliveries (which may confirm threads). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  readonly okta?: Partial<OktaSimulatorOptions>;
  /** Extra or overriding environment variables; a function receives the Okta simulator's URL. */
  readonly env?: Record<string, string> | ((oktaUrl: string) => Record<string, string>);
  /** Register the bridge as the Okta event hook. @default true */
  readonly eventHook?: boolean;
  /** The Okta service app requires DPoP-bound tokens. @default false */
  readonly requireDpop?: boolean;
  /** How the bridge authenticates to ServiceNow. @default 'basic' */
  readonly serviceNowAuth?: 'basic' | 'oauth';
  /**
   * Bind the production custom admin role to the bridge's client, so Okta refuses what production's role refuses
   * (bridge/dev/local/production-role.ts). Off only for tests of what the bridge refuses on its own. @default true
   */
  readonly oktaRoleEnforcement?: boolean;
  /** The managed groups (seeded in Okta and in the configuration table). @default the example environment's */
  readonly managedGroups?: readonly string[];
  /**
   * The work queue: `sqs` runs the real SQS FIFO adapter and the worker's batch consumer on the fauxqs emulator
   * (bridge/dev/local/emulated-sqs-queue.ts). @default 'in-process'
   */
  readonly queue?: 'in-process' | 'sqs';
}

/**
 * Starts dynalite, the Okta simulator (seeded with the example environment's managed groups and a service app whose
 * public key matches the bridge's private key) and the bridge itself, all on loopback ports chosen by the OS.
 * Retry delays are shortened through the same environment variables production uses.
 */
export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const managedGroups = options.managedGroups ?? MANAGED_GROUPS;
  const key = await generateServiceAppKey();
  const dynamo = await startDynalite('jml-bridge-test');
  const okta = await startOktaSimulator({
    clients: [
      {
        clientId: CLIENT_ID,
        publicJwk: key.publicJwk,
        grantedScopes: ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage', 'okta.workflows.invoke.manage'],
        requireDpop: options.requireDpop ?? false,
      },
    ],
    groups: managedGroups.map((name) => ({ name })),
    eventHookBatchDelayMs: 5,
    ...options.okta,
  });
  if (options.oktaRoleEnforcement !== false) {
    enforceProductionRole(okta, CLIENT_ID, managedGroups);
  }
  const serviceNow = await startServiceNowSimulator({ users: [SERVICENOW_USER], oauthClients: [SERVICENOW_OAUTH_CLIENT] });
  const webhookSecret = generateWebhookSecret();
  const logs: string[] = [];
  const overrides = (typeof options.env === 'function' ? options.env(okta.url) : options.env) ?? {};
  // The configuration table goes where the bridge's store points: a test may give it a dynalite of its own.
  const storeEndpoint = overrides[ENV.dynamoEndpoint] ?? dynamo.endpoint;
  const env: Record<string, string> = {
    [ENV.logLevel]: 'info',
    [ENV.tableName]: 'jml-bridge-test',
    [ENV.region]: 'local',
    [ENV.dynamoEndpoint]: dynamo.endpoint,
    ...(await seedConfigTable(storeEndpoint, 'jml-bridge-test-config', managedGroups)),
    [ENV.webhookSecret]: webhookSecret,
    [ENV.eventHookSecret]: EVENT_HOOK_SECRET,
    [ENV.oktaOrgUrl]: okta.url,
    [ENV.oktaClientId]: CLIENT_ID,
    [ENV.oktaKeyId]: key.kid,
    [ENV.oktaPrivateKey]: JSON.stringify(key.privateJwk),
    [ENV.oktaMaxRetries]: '2',
    [ENV.oktaRetryBaseMs]: '5',
    [ENV.oktaRetryMaxMs]: '20',
    [ENV.oktaRateLimitPaddingMs]: '50',
    [ENV.serviceNowUrl]: serviceNow.url,
    [ENV.serviceNowCredentials]: JSON.stringify(
      options.serviceNowAuth === 'oauth'
        ? { type: 'oauth', clientId: SERVICENOW_OAUTH_CLIENT.clientId, clientSecret: SERVICENOW_OAUTH_CLIENT.clientSecret }
        : { type: 'basic', ...SERVICENOW_USER },
    ),
    ...overrides,
  };
  let offsetMs = 0;
  const clock = {
    now: () => Date.now() + offsetMs,
    isoNow: () => new Date(Date.now() + offsetMs).toISOString(),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  };
  const bridge = await startBridge(env, { logSink: (line) => logs.push(line), clock, ...(options.queue ? { queue: options.queue } : {}) });
  if (options.eventHook !== false) {
    await okta.registerEventHook({ url: `${bridge.url}/v1/okta/events`, authHeader: { key: 'Authorization', value: EVENT_HOOK_SECRET } });
  }
  return {
    okta,
    serviceNow,
    bridge,
    webhookSecret,
    env,
    logs,
    advanceClock: (ms) => {
      offsetMs += ms;
    },
    submit: (body, submitOptions = {}) => {
      seedRequestItem(serviceNow, body);
      return postSignedRequest(bridge.url, body, { secret: webhookSecret, ...submitOptions });
    },
    settle: () => settleLocalStack({ bridge, okta }),
    close: () => closeLocalStack({ bridge, okta, serviceNow, dynamo }),
  };
}

/** Creates the ServiceNow requested item a request refers to, as the catalog would have, unless it exists. */
function seedRequestItem(serviceNow: ServiceNowSimulator, body: unknown): void {
  const b = body as { requestSysId?: unknown; requestNumber?: unknown } | null;
  if (typeof b?.requestSysId !== 'string' || typeof b.requestNumber !== 'string' || !/^[0-9a-f]{32}$/.test(b.requestSysId)) {
    return;
  }
  if (!serviceNow.getRecord('sc_req_item', b.requestSysId) && !serviceNow.findRequestItem(b.requestNumber)) {
    serviceNow.seedRequestItem({ sys_id: b.requestSysId, number: b.requestNumber });
  }
}

/**
 * The process environment a Lambda handler of `stack` runs with when a test calls the handler module directly: the
 * stack's variables, a queue URL nothing listens on (so the intake's enqueue fails as it does when SQS is down),
 * quiet logs and dummy AWS credentials.
 */
export function handlerEnvironment(stack: TestStack): Record<string, string> {
  return {
    ...stack.env,
    [ENV.queueUrl]: 'http://127.0.0.1:9/000000000000/jml-bridge.fifo',
    [ENV.logLevel]: 'silent',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
}
