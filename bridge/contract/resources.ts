import { ENV, type EnvName } from './env-names';

/**
 * The AWS actions the bridge may be granted, by kind of resource. A manifest entry can list only these, so a typo or a
 * wildcard does not compile; the bridge stack turns each kind into statements (`stacks/bridge-access.ts`).
 */
export const ACTIONS_BY_KIND = {
  /** Item actions on the table; `dynamodb:Query` is granted on its indexes (the bridge queries only by index). */
  'dynamodb-table': ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
  'sqs-queue': ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
  secret: ['secretsmanager:GetSecretValue'],
  /** Put only: the seal bucket is write-once evidence (object lock), the bridge never reads, lists or deletes it. */
  's3-seal-bucket': ['s3:PutObject'],
} as const;

export type ResourceKind = keyof typeof ACTIONS_BY_KIND;

export interface BridgeResource {
  readonly kind: ResourceKind;
  /** The variable that tells a function where the resource is (name, URL or ARN); set only on functions given access. */
  readonly variable: EnvName;
  /** Declared only in some configurations (the stack skips grants on it where it is absent). */
  readonly optional?: boolean;
}

/**
 * Every AWS resource a bridge function may touch, by the name manifest entries use. Adding one: add it here, give it
 * a binding in `stacks/bridge-access.ts` (the compiler asks for it), and list it in the `access` of the functions
 * that use it (`./manifest.ts`).
 */
export const BRIDGE_RESOURCES = {
  /** The golden-thread table (`./table.ts`). */
  table: { kind: 'dynamodb-table', variable: ENV.tableName },
  /** The configuration table: managed-group names, written by Terraform, read-only to the bridge (`./managed-groups.ts`). */
  configTable: { kind: 'dynamodb-table', variable: ENV.configTable },
  /** The FIFO work queue between the intake and the worker. */
  workQueue: { kind: 'sqs-queue', variable: ENV.queueUrl },
  webhookSigningSecret: { kind: 'secret', variable: ENV.webhookSecretArn },
  eventHookSecret: { kind: 'secret', variable: ENV.eventHookSecretArn },
  oktaPrivateKey: { kind: 'secret', variable: ENV.oktaPrivateKeyArn },
  serviceNowCredentials: { kind: 'secret', variable: ENV.serviceNowCredentialsArn },
  /** Only where Workflows flows are secured with a client token. */
  workflowsClientToken: { kind: 'secret', variable: ENV.workflowsClientTokenArn, optional: true },
  /** Where every stored thread version and event is sealed (`bridge/src/domain/evidence/`): object-locked S3. */
  sealBucket: { kind: 's3-seal-bucket', variable: ENV.sealBucket },
} as const satisfies Record<string, BridgeResource>;

export type ResourceName = keyof typeof BRIDGE_RESOURCES;

/** The actions a function may be granted on the named resource. */
export type ActionOn<R extends ResourceName> = (typeof ACTIONS_BY_KIND)[(typeof BRIDGE_RESOURCES)[R]['kind']][number];

/** What one function may do, resource by resource. */
export type Access = { readonly [R in ResourceName]?: readonly ActionOn<R>[] };
