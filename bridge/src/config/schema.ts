import { z } from 'zod';
import { JML_ACTIONS } from '../../contract/actions';
import { JML_MANAGEMENT_SCOPES } from '../../contract/scopes';
import { ENV } from '../../contract/env-names';

/** Parses a JSON-valued variable, then validates it with `inner`. */
function jsonOf<T extends z.ZodType>(inner: T, example: string) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be JSON, e.g. ${example}` });
        return z.NEVER;
      }
    })
    .pipe(inner);
}

const intOf = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const secret = (what: string) => z.string().min(1, `must not be empty: ${what}`).optional();

export const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info');

export const storeSchema = z.object({
  [ENV.tableName]: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name'),
  [ENV.region]: z.string().min(1).default('us-east-1'),
  [ENV.dynamoEndpoint]: z.url().optional(),
  [ENV.sealBucket]: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (the bridge stack's seal bucket)")
    .optional(),
  [ENV.sealDir]: z.string().min(1).optional(),
});

export const queueSchema = z.object({
  [ENV.queueUrl]: z.url().refine((u) => u.endsWith('.fifo'), 'must be the URL of a FIFO queue (ends with .fifo): per-user ordering depends on it'),
  [ENV.region]: z.string().min(1).default('us-east-1'),
});

export const managedGroupsSchema = z.object({
  [ENV.configTable]: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, "must be a DynamoDB table name (the bridge stack's configuration table)"),
  [ENV.managedGroupsDigest]: z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 hex digest of the managed-group list (set by the bridge stack)'),
});

export const intakeSchema = z.object({
  [ENV.webhookSecret]: secret('the whsec_ signing secret(s), space-separated during a rotation'),
  [ENV.webhookSecretArn]: z.string().startsWith('arn:').optional(),
  [ENV.webhookToleranceSeconds]: intOf(10, 3600, 300),
  [ENV.bodyLimitBytes]: intOf(1024, 1024 * 1024, 64 * 1024),
});

export const eventHookSchema = z.object({
  [ENV.eventHookSecret]: secret('the event hook header value'),
  [ENV.eventHookSecretArn]: z.string().startsWith('arn:').optional(),
  [ENV.eventHookHeader]: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/)
    .default('authorization')
    .transform((h) => h.toLowerCase()),
});

const flowUrls = z.object(Object.fromEntries(JML_ACTIONS.map((a) => [a, z.url()])) as Record<(typeof JML_ACTIONS)[number], z.ZodURL>);

export const oktaSchema = z.object({
  [ENV.executor]: z.enum(['management', 'workflows']).default('management'),
  [ENV.oktaOrgUrl]: z.url(),
  [ENV.oktaClientId]: z.string().min(1).optional(),
  [ENV.oktaKeyId]: z.string().min(1).optional(),
  [ENV.oktaScopes]: z.string().default(JML_MANAGEMENT_SCOPES.join(' ')),
  [ENV.oktaPrivateKey]: secret('the PEM or JWK of the service app key'),
  [ENV.oktaPrivateKeyArn]: z.string().startsWith('arn:').optional(),
  [ENV.workflowsFlowUrls]: jsonOf(flowUrls, '{"joiner":"https://...","mover":"...","leaver":"...","rehire":"..."}').optional(),
  [ENV.workflowsAuth]: z.enum(['oauth', 'client-token']).default('oauth'),
  [ENV.workflowsClientToken]: secret('the flow client token').optional(),
  [ENV.workflowsClientTokenArn]: z.string().startsWith('arn:').optional(),
  [ENV.oktaMaxRetries]: intOf(0, 10, 3),
  [ENV.oktaRetryBaseMs]: intOf(1, 60000, 200),
  [ENV.oktaRetryMaxMs]: intOf(1, 300000, 5000),
  [ENV.oktaRateLimitMaxWaits]: intOf(0, 10, 3),
  [ENV.oktaRateLimitPaddingMs]: intOf(0, 10000, 1000),
  [ENV.oktaRateLimitReserve]: z.coerce.number().min(0).max(0.9).default(0.1),
  [ENV.oktaHttpTimeoutMs]: intOf(100, 60000, 10000),
});

const credentials = z.discriminatedUnion('type', [
  z.object({ type: z.literal('basic'), username: z.string().min(1), password: z.string().min(1) }),
  z.object({ type: z.literal('bearer'), token: z.string().min(1) }),
  z.object({ type: z.literal('oauth'), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
]);

export const serviceNowSchema = z.object({
  [ENV.serviceNowUrl]: z.url(),
  [ENV.serviceNowCredentials]: secret('{"type":"basic",...}, {"type":"bearer",...} or {"type":"oauth",...}'),
  [ENV.serviceNowCredentialsArn]: z.string().startsWith('arn:').optional(),
  [ENV.serviceNowStates]: jsonOf(z.record(z.string(), z.string()), '{"applied":"2","confirmed":"3","dead-lettered":"4"}').optional(),
});

/** Validates the JSON of the ServiceNow credentials secret once it is read. */
export const serviceNowCredentialsSchema = credentials;
