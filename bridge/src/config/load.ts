import { z } from 'zod';
import { DEFAULT_SERVICENOW_STATES, ServiceNowStateMap } from '../domain/servicenow-writeback';
import { JmlAction } from '../domain/jml-request';
import { LogLevel } from '../ports/logger';
import { RetryPolicy, DEFAULT_RETRY_POLICY } from '../adapters/okta/retry-policy';
import { ServiceNowCredentials } from '../adapters/servicenow/table-api-client';
import { decodeSecret } from '../http/standard-webhooks';
import { ENV } from '../../contract/env-names';
import type { Section } from '../../contract/sections';
import { oktaCredentialFrom } from './okta-credential';
import {
  eventHookSchema,
  intakeSchema,
  logLevelSchema,
  managedGroupsSchema,
  oktaSchema,
  queueSchema,
  serviceNowCredentialsSchema,
  serviceNowSchema,
  storeSchema,
} from './schema';

export interface StoreConfig {
  readonly tableName: string;
  readonly region: string;
  readonly endpoint?: string;
  /** Where stored versions are sealed (`src/domain/evidence/`); unset, nothing is sealed and bridge:verify fails. */
  readonly seal?: { readonly bucket: string } | { readonly dir: string };
}
/** Where the managed-group names are (`bridge/contract/managed-groups.ts`), and the digest the list must have. */
export interface ManagedGroupsConfig {
  readonly tableName: string;
  readonly digest: string;
}
export interface QueueConfig {
  readonly queueUrl: string;
  readonly region: string;
}
export interface IntakeConfig {
  readonly signingKeys: readonly Buffer[];
  readonly toleranceSeconds: number;
  readonly bodyLimitBytes: number;
}
export interface EventHookConfig {
  readonly headerName: string;
  readonly secret: string;
}
export interface OktaConfig {
  readonly executor: 'management' | 'workflows';
  readonly orgUrl: string;
  readonly clientId: string;
  readonly keyId: string;
  readonly scopes: readonly string[];
  readonly privateKey: string;
  readonly retry: RetryPolicy;
  readonly workflows?: {
    readonly flowUrls: Readonly<Record<JmlAction, string>>;
    readonly auth: 'oauth' | 'client-token';
    readonly clientToken?: string;
  };
}
export interface ServiceNowConfig {
  readonly instanceUrl: string;
  readonly credentials: ServiceNowCredentials;
  readonly states: ServiceNowStateMap;
}

/** What each section's variables become; keyed by exactly the contract's sections. */
export interface BridgeSections extends Record<Section, unknown> {
  store: StoreConfig;
  queue: QueueConfig;
  managedGroups: ManagedGroupsConfig;
  intake: IntakeConfig;
  eventHook: EventHookConfig;
  okta: OktaConfig;
  serviceNow: ServiceNowConfig;
}
/** A configuration section (`bridge/contract/sections.ts` lists the variables each reads). */
export type { Section };
export type BridgeConfig<S extends Section> = { readonly logLevel: LogLevel } & Pick<BridgeSections, S>;

/** Reads secret values by ARN (Secrets Manager in AWS). */
export type SecretReader = (arns: Record<string, string>) => Promise<Record<string, string>>;

/** Every configuration problem, reported at once as `NAME: message` lines. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`bridge configuration is invalid:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The schema of each configuration section; each validates the variables `SECTION_VARIABLES` lists for it. */
export const SECTION_SCHEMAS: Record<Section, z.ZodObject> = {
  store: storeSchema,
  queue: queueSchema,
  managedGroups: managedGroupsSchema,
  intake: intakeSchema,
  eventHook: eventHookSchema,
  okta: oktaSchema,
  serviceNow: serviceNowSchema,
};

/**
 * Reads and validates the configuration of the given sections once, at start (cold start in Lambda), then fetches the
 * secrets they reference. Each handler asks only for the sections it uses, so the intake does not need Okta settings.
 */
export async function loadConfig<S extends Section>(
  sections: readonly S[],
  env: NodeJS.ProcessEnv = process.env,
  readSecrets?: SecretReader,
): Promise<BridgeConfig<S>> {
  const problems: string[] = [];
  const parsed: Record<string, Record<string, unknown>> = {};
  const level = logLevelSchema.safeParse(env[ENV.logLevel]);
  if (!level.success) {
    problems.push(`${ENV.logLevel}: must be one of debug, info, warn, error, silent`);
  }
  for (const section of sections) {
    const result = (SECTION_SCHEMAS[section] as z.ZodType).safeParse(env);
    if (result.success) {
      parsed[section] = result.data as Record<string, unknown>;
    } else {
      for (const issue of result.error.issues) {
        problems.push(`${issue.path.join('.') || section}: ${issue.message}`);
      }
    }
  }
  const secretRefs: Array<{ section: Section; value: string; arn: string }> = [];
  const need = (section: Section, value: string, arn: string, required = true) => {
    const raw = parsed[section];
    if (!raw) {
      return;
    }
    if (raw[value] === undefined && raw[arn] === undefined && required) {
      problems.push(`${arn}: set it to the Secrets Manager ARN (AWS), or set ${value} directly (local mode only)`);
    }
    secretRefs.push({ section, value, arn });
  };
  need('intake', ENV.webhookSecret, ENV.webhookSecretArn);
  need('eventHook', ENV.eventHookSecret, ENV.eventHookSecretArn);
  need('okta', ENV.oktaPrivateKey, ENV.oktaPrivateKeyArn);
  need('serviceNow', ENV.serviceNowCredentials, ENV.serviceNowCredentialsArn);
  const okta = parsed.okta;
  if (okta?.[ENV.executor] === 'workflows') {
    if (!okta[ENV.workflowsFlowUrls]) {
      problems.push(`${ENV.workflowsFlowUrls}: required when ${ENV.executor}=workflows; give the Invoke URL of each action's flow`);
    }
    need('okta', ENV.workflowsClientToken, ENV.workflowsClientTokenArn, okta[ENV.workflowsAuth] === 'client-token');
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  const secrets = await resolveSecrets(parsed, secretRefs, readSecrets);
  return build(sections, parsed, secrets, level.success ? level.data : 'info');
}

async function resolveSecrets(
  parsed: Record<string, Record<string, unknown>>,
  refs: ReadonlyArray<{ section: Section; value: string; arn: string }>,
  readSecrets?: SecretReader,
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  const arns: Record<string, string> = {};
  for (const ref of refs) {
    const raw = parsed[ref.section];
    if (typeof raw[ref.arn] === 'string') {
      arns[ref.value] = raw[ref.arn] as string;
    } else if (typeof raw[ref.value] === 'string') {
      values[ref.value] = raw[ref.value] as string;
    }
  }
  if (Object.keys(arns).length > 0) {
    if (!readSecrets) {
      throw new ConfigError(Object.keys(arns).map((name) => `${name}_ARN: secret ARNs need AWS Secrets Manager; in local mode set ${name} directly`));
    }
    Object.assign(values, await readSecrets(arns));
  }
  return values;
}

function build<S extends Section>(
  sections: readonly S[],
  p: Record<string, Record<string, unknown>>,
  secrets: Record<string, string>,
  logLevel: LogLevel,
): BridgeConfig<S> {
  const problems: string[] = [];
  const out: Partial<BridgeSections> & { logLevel: LogLevel } = { logLevel };
  const want = new Set<Section>(sections);
  if (want.has('store')) {
    const s = p.store;
    out.store = {
      tableName: s[ENV.tableName] as string,
      region: s[ENV.region] as string,
      ...(s[ENV.dynamoEndpoint] ? { endpoint: s[ENV.dynamoEndpoint] as string } : {}),
    };
    if (s[ENV.sealBucket] || s[ENV.sealDir]) {
      out.store = { ...out.store, seal: s[ENV.sealBucket] ? { bucket: s[ENV.sealBucket] as string } : { dir: s[ENV.sealDir] as string } };
    }
  }
  if (want.has('queue')) {
    out.queue = { queueUrl: p.queue[ENV.queueUrl] as string, region: p.queue[ENV.region] as string };
  }
  if (want.has('managedGroups')) {
    out.managedGroups = { tableName: p.managedGroups[ENV.configTable] as string, digest: p.managedGroups[ENV.managedGroupsDigest] as string };
  }
  if (want.has('intake')) {
    const keys: Buffer[] = [];
    for (const value of secrets[ENV.webhookSecret].split(/\s+/).filter(Boolean)) {
      try {
        keys.push(decodeSecret(value));
      } catch (error) {
        problems.push(`${ENV.webhookSecret}: ${(error as Error).message}`);
      }
    }
    out.intake = {
      signingKeys: keys,
      toleranceSeconds: p.intake[ENV.webhookToleranceSeconds] as number,
      bodyLimitBytes: p.intake[ENV.bodyLimitBytes] as number,
    };
  }
  if (want.has('eventHook')) {
    out.eventHook = { headerName: p.eventHook[ENV.eventHookHeader] as string, secret: secrets[ENV.eventHookSecret] };
  }
  if (want.has('okta')) {
    const o = p.okta;
    const retry: RetryPolicy = {
      ...DEFAULT_RETRY_POLICY,
      maxRetries: o[ENV.oktaMaxRetries] as number,
      baseDelayMs: o[ENV.oktaRetryBaseMs] as number,
      maxDelayMs: o[ENV.oktaRetryMaxMs] as number,
      maxRateLimitWaits: o[ENV.oktaRateLimitMaxWaits] as number,
      resetPaddingMs: o[ENV.oktaRateLimitPaddingMs] as number,
      reserveFraction: o[ENV.oktaRateLimitReserve] as number,
      requestTimeoutMs: o[ENV.oktaHttpTimeoutMs] as number,
    };
    const flowUrls = o[ENV.workflowsFlowUrls] as Record<JmlAction, string> | undefined;
    const { credential, problems: credentialProblems } = oktaCredentialFrom({
      secret: secrets[ENV.oktaPrivateKey],
      clientId: o[ENV.oktaClientId] as string | undefined,
      keyId: o[ENV.oktaKeyId] as string | undefined,
    });
    problems.push(...credentialProblems);
    out.okta = {
      executor: o[ENV.executor] as 'management' | 'workflows',
      orgUrl: o[ENV.oktaOrgUrl] as string,
      clientId: credential?.clientId ?? '',
      keyId: credential?.keyId ?? '',
      scopes: (o[ENV.oktaScopes] as string).split(/\s+/).filter(Boolean),
      privateKey: credential?.privateKey ?? '',
      retry,
      ...(flowUrls
        ? {
            workflows: {
              flowUrls,
              auth: o[ENV.workflowsAuth] as 'oauth' | 'client-token',
              ...(secrets[ENV.workflowsClientToken] ? { clientToken: secrets[ENV.workflowsClientToken] } : {}),
            },
          }
        : {}),
    };
  }
  if (want.has('serviceNow')) {
    let parsedCredentials: unknown;
    try {
      parsedCredentials = JSON.parse(secrets[ENV.serviceNowCredentials]);
    } catch {
      parsedCredentials = undefined;
    }
    const credentials = serviceNowCredentialsSchema.safeParse(parsedCredentials);
    if (!credentials.success) {
      problems.push(
        `${ENV.serviceNowCredentials}: must be JSON {"type":"basic","username":"...","password":"..."}, {"type":"bearer","token":"..."} or {"type":"oauth","clientId":"...","clientSecret":"..."}`,
      );
    }
    out.serviceNow = {
      instanceUrl: p.serviceNow[ENV.serviceNowUrl] as string,
      credentials: (credentials.success ? credentials.data : { type: 'bearer', token: '' }) as ServiceNowCredentials,
      states: (p.serviceNow[ENV.serviceNowStates] as ServiceNowStateMap | undefined) ?? DEFAULT_SERVICENOW_STATES,
    };
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return out as BridgeConfig<S>;
}
