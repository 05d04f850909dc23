/**
 * The documented service limits the project plans against, each with where it is documented.
 * docs/service-limits.md explains each one, what the project does to stay inside it, and what hits it first.
 * Constructs size themselves from these numbers (resource-set chunks, shard counts) and the service-limits pack
 * fails synth when an environment would exceed one.
 */
export interface DocumentedLimit {
  readonly value: number;
  /** What the number counts, in the unit the service uses. */
  readonly what: string;
  /** Public page that documents it. */
  readonly source: string;
}

const OKTA_CUSTOM_ROLES = 'https://help.okta.com/en-us/content/topics/security/custom-admin-role/custom-admin-roles.htm';
const OKTA_RESOURCE_SETS = 'https://help.okta.com/en-us/content/topics/security/custom-admin-role/work-with-resource-set.htm';
const OKTA_GROUP_RULES = 'https://support.okta.com/help/s/article/Group-Rule-Restrictions';
const LAMBDA_QUOTAS = 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html';

export const LIMITS = {
  lambdaEnvironmentBytes: {
    value: 4096,
    what: 'bytes of all environment variable names and values of one function (the 4 KB quota, not adjustable)',
    source: LAMBDA_QUOTAS,
  },
  lambdaTimeoutSeconds: { value: 900, what: 'seconds of function timeout', source: LAMBDA_QUOTAS },
  lambdaMemoryMbMin: { value: 128, what: 'MB of function memory, minimum', source: LAMBDA_QUOTAS },
  lambdaMemoryMbMax: { value: 10240, what: 'MB of function memory, maximum', source: LAMBDA_QUOTAS },
  lambdaDescriptionChars: {
    value: 256,
    what: 'characters of a function description',
    source: 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html',
  },
  lambdaFunctionNameChars: {
    value: 64,
    what: 'characters of a function name',
    source: 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html',
  },
  lambdaZipBytes: { value: 50 * 1024 * 1024, what: 'bytes of a zipped deployment package uploaded directly', source: LAMBDA_QUOTAS },
  lambdaUnzippedBytes: { value: 250 * 1024 * 1024, what: 'bytes of an unzipped deployment package', source: LAMBDA_QUOTAS },
  lambdaSyncPayloadBytes: { value: 6 * 1024 * 1024, what: 'bytes of a synchronous invocation request or response', source: LAMBDA_QUOTAS },
  sqsMessageBytes: {
    value: 1024 * 1024,
    what: 'bytes of one SQS message (max_message_size may be set from 1,024 up to this)',
    source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html',
  },
  sqsMessageBytesMin: {
    value: 1024,
    what: 'bytes, the smallest max_message_size a queue may set',
    source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html',
  },
  sqsVisibilityTimeoutSeconds: {
    value: 43200,
    what: 'seconds of queue visibility timeout (12 hours)',
    source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html',
  },
  sqsRetentionSeconds: {
    value: 1209600,
    what: 'seconds of message retention (14 days)',
    source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html',
  },
  dynamoDbItemBytes: {
    value: 400 * 1024,
    what: 'bytes of one DynamoDB item, attribute names and values together',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html',
  },
  dynamoDbGsisPerTable: {
    value: 20,
    what: 'global secondary indexes per table (default quota)',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html',
  },
  apiGatewayHttpPayloadBytes: {
    value: 10 * 1024 * 1024,
    what: 'bytes of an HTTP API request payload',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html',
  },
  apiGatewayAccountRateLimit: {
    value: 10000,
    what: 'requests per second across the account and Region (default, adjustable); route or stage throttling above it has no effect',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
  },
  apiGatewayAccountBurstLimit: {
    value: 5000,
    what: 'burst requests across the account and Region (default, adjustable)',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
  },
  apiGatewayIntegrationTimeoutMs: {
    value: 30000,
    what: 'milliseconds an HTTP API waits for its Lambda integration',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html',
  },
  oktaCustomRolesPerOrg: { value: 100, what: 'custom admin roles per org', source: OKTA_CUSTOM_ROLES },
  oktaResourceSetsPerOrg: { value: 10000, what: 'resource sets per org', source: OKTA_RESOURCE_SETS },
  oktaResourcesPerResourceSet: { value: 1000, what: 'resources in one resource set', source: OKTA_RESOURCE_SETS },
  oktaAdminsPerRoleAndResourceSet: {
    value: 1000,
    what: 'admins (users, groups or apps) bound to one role and resource set combination',
    source: OKTA_RESOURCE_SETS,
  },
  oktaGroupRulesPerOrg: { value: 2000, what: 'group rules per org', source: OKTA_GROUP_RULES },
  oktaGroupRuleNameChars: { value: 50, what: 'characters of a group rule name', source: OKTA_GROUP_RULES },
  oktaGroupsPerRule: { value: 100, what: 'groups one group rule assigns', source: OKTA_GROUP_RULES },
  oktaEventHooksPerOrg: {
    value: 25,
    what: 'active and verified event hooks per org',
    source: 'https://help.okta.com/en-us/Content/Topics/automation-hooks/add-event-hooks.htm',
  },
} as const satisfies Record<string, DocumentedLimit>;

/**
 * Groups the JML role's resource sets are sized for: each set is filled to about this many on average so that the
 * uneven spread of a hash stays well under {@link LIMITS.oktaResourcesPerResourceSet} (1,000).
 */
export const RESOURCE_SET_FILL_TARGET = 800;
