import { ENV, type EnvName } from './env-names';

/**
 * The variables each configuration section of the bridge reads, as data. A handler asks `loadConfig` for its sections
 * (`bridge/src/config/load.ts`), whose zod schemas (`bridge/src/config/schema.ts`) validate exactly these variables
 * (tested in `bridge/test/config/sections.test.ts`); the bridge stack sets on each function only variables of its
 * sections.
 */
export const SECTION_VARIABLES = {
  store: [ENV.tableName, ENV.region, ENV.dynamoEndpoint, ENV.sealBucket, ENV.sealDir],
  queue: [ENV.queueUrl, ENV.region],
  managedGroups: [ENV.configTable, ENV.managedGroupsDigest],
  intake: [ENV.webhookSecret, ENV.webhookSecretArn, ENV.webhookToleranceSeconds, ENV.bodyLimitBytes],
  eventHook: [ENV.eventHookSecret, ENV.eventHookSecretArn, ENV.eventHookHeader],
  okta: [
    ENV.executor,
    ENV.oktaOrgUrl,
    ENV.oktaClientId,
    ENV.oktaKeyId,
    ENV.oktaScopes,
    ENV.oktaPrivateKey,
    ENV.oktaPrivateKeyArn,
    ENV.workflowsFlowUrls,
    ENV.workflowsAuth,
    ENV.workflowsClientToken,
    ENV.workflowsClientTokenArn,
    ENV.oktaMaxRetries,
    ENV.oktaRetryBaseMs,
    ENV.oktaRetryMaxMs,
    ENV.oktaRateLimitMaxWaits,
    ENV.oktaRateLimitPaddingMs,
    ENV.oktaRateLimitReserve,
    ENV.oktaHttpTimeoutMs,
  ],
  serviceNow: [ENV.serviceNowUrl, ENV.serviceNowCredentials, ENV.serviceNowCredentialsArn, ENV.serviceNowStates],
} as const satisfies Record<string, readonly EnvName[]>;

/** A configuration section a handler can ask for. */
export type Section = keyof typeof SECTION_VARIABLES;

/** The variables of one section. */
export type SectionVariable<S extends Section> = (typeof SECTION_VARIABLES)[S][number];

/** Every environment variable a function with these sections may read (`LOG_LEVEL` included), sorted. */
export function environmentVariablesOf(sections: readonly Section[]): string[] {
  const names = new Set<string>([ENV.logLevel]);
  for (const section of sections) {
    for (const name of SECTION_VARIABLES[section]) names.add(name);
  }
  return [...names].sort();
}
