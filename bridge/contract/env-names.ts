/**
 * Every environment variable the bridge reads, in one place. The AWS stack sets them on the functions as the handler
 * manifest (`./manifest.ts`) lists them; local mode sets them from `bridge/dev/local/`. Secrets come as a Secrets Manager ARN (`*_ARN`, AWS) or as the value itself
 * (local only); the value is never put in Terraform.
 */
export const ENV = {
  logLevel: 'LOG_LEVEL',
  region: 'AWS_REGION',
  tableName: 'BRIDGE_TABLE_NAME',
  dynamoEndpoint: 'DYNAMODB_ENDPOINT',
  /** Where every stored thread version is sealed: the object-locked S3 bucket (AWS), or a directory (local). */
  sealBucket: 'BRIDGE_SEAL_BUCKET',
  sealDir: 'BRIDGE_SEAL_DIR',
  queueUrl: 'BRIDGE_QUEUE_URL',
  /** The configuration table Terraform writes the managed-group names to (`./managed-groups.ts`). */
  configTable: 'BRIDGE_CONFIG_TABLE',
  /** Digest of the managed-group list the function was deployed with (`./managed-groups.ts`). */
  managedGroupsDigest: 'BRIDGE_MANAGED_GROUPS_DIGEST',
  webhookSecret: 'WEBHOOK_SIGNING_SECRET',
  webhookSecretArn: 'WEBHOOK_SIGNING_SECRET_ARN',
  webhookToleranceSeconds: 'WEBHOOK_TOLERANCE_SECONDS',
  bodyLimitBytes: 'BODY_LIMIT_BYTES',
  eventHookSecret: 'EVENT_HOOK_SECRET',
  eventHookSecretArn: 'EVENT_HOOK_SECRET_ARN',
  eventHookHeader: 'EVENT_HOOK_HEADER',
  executor: 'BRIDGE_EXECUTOR',
  oktaOrgUrl: 'OKTA_ORG_URL',
  oktaClientId: 'OKTA_CLIENT_ID',
  oktaKeyId: 'OKTA_KEY_ID',
  oktaScopes: 'OKTA_SCOPES',
  oktaPrivateKey: 'OKTA_PRIVATE_KEY',
  oktaPrivateKeyArn: 'OKTA_PRIVATE_KEY_SECRET_ARN',
  workflowsFlowUrls: 'OKTA_WORKFLOWS_FLOW_URLS',
  workflowsAuth: 'OKTA_WORKFLOWS_AUTH',
  workflowsClientToken: 'OKTA_WORKFLOWS_CLIENT_TOKEN',
  workflowsClientTokenArn: 'OKTA_WORKFLOWS_CLIENT_TOKEN_SECRET_ARN',
  oktaMaxRetries: 'OKTA_MAX_RETRIES',
  oktaRetryBaseMs: 'OKTA_RETRY_BASE_MS',
  oktaRetryMaxMs: 'OKTA_RETRY_MAX_MS',
  oktaRateLimitMaxWaits: 'OKTA_RATE_LIMIT_MAX_WAITS',
  oktaRateLimitPaddingMs: 'OKTA_RATE_LIMIT_RESET_PADDING_MS',
  oktaRateLimitReserve: 'OKTA_RATE_LIMIT_RESERVE',
  oktaHttpTimeoutMs: 'OKTA_HTTP_TIMEOUT_MS',
  serviceNowUrl: 'SERVICENOW_INSTANCE_URL',
  serviceNowCredentials: 'SERVICENOW_CREDENTIALS',
  serviceNowCredentialsArn: 'SERVICENOW_CREDENTIALS_SECRET_ARN',
  serviceNowStates: 'SERVICENOW_STATES',
} as const;

/** The name of one of the bridge's environment variables. */
export type EnvName = (typeof ENV)[keyof typeof ENV];
