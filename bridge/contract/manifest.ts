import { ENV, type EnvName } from './env-names';
import type { Access, ResourceName } from './resources';
import type { RouteName } from './routes';
import type { Section } from './sections';

/** What starts a function. */
export type HandlerTrigger =
  | { readonly kind: 'http'; readonly routes: readonly RouteName[] }
  /** A Lambda event source mapping with partial batch responses; the function's `access` must allow consuming. */
  | { readonly kind: 'sqs-fifo'; readonly queue: ResourceName }
  /** An EventBridge rate rule (`bridge.schedulerRateMinutes`). */
  | { readonly kind: 'schedule' };

/**
 * One Lambda function of the bridge, as plain data: the ONE place that says what it runs, what starts it, what it
 * reads and what it may touch. The bridge stack builds the function, its trigger, its environment and its IAM policy
 * from this alone (`stacks/bridge-stack.ts`), and a test holds each synthesized role to exactly this entry
 * (`test/stacks/bridge-stack.test.ts`).
 *
 * To give a function a permission, add the action under the resource in `access`; a new resource goes in
 * `./resources.ts` first. To give it a variable, add the name to `environment` (the stack then needs a value for it
 * in `stacks/bridge-environment.ts`; the compiler says so).
 */
export interface HandlerManifest {
  /** The function's name after `jml-bridge-<environment>-`, and its handler module's file name. */
  readonly name: string;
  readonly description: string;
  /** Path of the entry file from the repository root; it exports `handler`. */
  readonly entry: string;
  readonly trigger: HandlerTrigger;
  /** The configuration sections the handler loads (so the variables it may read). */
  readonly sections: readonly Section[];
  /**
   * Plain configuration the stack sets (never a secret value). The variable naming a resource of `access` (table
   * name, queue URL, secret ARN) is added by the stack when the function's sections read it.
   */
  readonly environment: readonly EnvName[];
  /** The AWS actions the handler's code performs, by resource; the role allows these and nothing else. */
  readonly access: Access;
}

export const HANDLERS = {
  intake: {
    name: 'intake',
    description: 'Verifies, records and queues ServiceNow JML requests (POST /v1/jml).',
    entry: 'bridge/src/handlers/intake.ts',
    trigger: { kind: 'http', routes: ['intake'] },
    sections: ['store', 'queue', 'managedGroups', 'intake'],
    environment: [ENV.logLevel, ENV.managedGroupsDigest],
    access: {
      // Claims the webhook id with a conditional put and reads an existing thread back; never updates or queries.
      table: ['dynamodb:PutItem', 'dynamodb:GetItem'],
      // Reads the managed-group names once per cold start; Terraform alone writes them.
      configTable: ['dynamodb:GetItem'],
      workQueue: ['sqs:SendMessage'],
      webhookSigningSecret: ['secretsmanager:GetSecretValue'],
      // Every function that writes the table seals what it wrote (threads/ and events/ keys only).
      sealBucket: ['s3:PutObject'],
    },
  },
  worker: {
    name: 'worker',
    description: 'Applies queued JML requests in Okta and writes the outcome back to ServiceNow.',
    entry: 'bridge/src/handlers/worker.ts',
    trigger: { kind: 'sqs-fifo', queue: 'workQueue' },
    sections: ['store', 'managedGroups', 'okta', 'serviceNow'],
    environment: [
      ENV.logLevel,
      ENV.managedGroupsDigest,
      ENV.executor,
      ENV.oktaOrgUrl,
      ENV.oktaKeyId,
      ENV.oktaScopes,
      ENV.workflowsAuth,
      ENV.workflowsFlowUrls,
      ENV.serviceNowUrl,
    ],
    access: {
      table: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
      configTable: ['dynamodb:GetItem'],
      // What the event source mapping does on the function's behalf; the worker's own code sends nothing.
      workQueue: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'],
      oktaPrivateKey: ['secretsmanager:GetSecretValue'],
      workflowsClientToken: ['secretsmanager:GetSecretValue'],
      serviceNowCredentials: ['secretsmanager:GetSecretValue'],
      sealBucket: ['s3:PutObject'],
    },
  },
  eventHook: {
    name: 'event-hook',
    description: 'Verifies the Okta event hook and confirms golden threads from System Log events.',
    entry: 'bridge/src/handlers/event-hook.ts',
    trigger: { kind: 'http', routes: ['eventHook'] },
    sections: ['store', 'eventHook', 'serviceNow'],
    environment: [ENV.logLevel, ENV.eventHookHeader, ENV.serviceNowUrl],
    access: {
      table: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
      eventHookSecret: ['secretsmanager:GetSecretValue'],
      serviceNowCredentials: ['secretsmanager:GetSecretValue'],
      sealBucket: ['s3:PutObject'],
    },
  },
  health: {
    name: 'health',
    description: 'Answers GET /health without touching any other resource.',
    entry: 'bridge/src/handlers/health.ts',
    trigger: { kind: 'http', routes: ['health'] },
    sections: [],
    // Read by the handler itself (it loads no section, so it answers even when the others cannot start).
    environment: [ENV.logLevel, ENV.executor],
    access: {},
  },
  scheduler: {
    name: 'scheduler',
    description: 'Re-queues scheduled JML requests (future start or end dates) whose date has come.',
    entry: 'bridge/src/handlers/scheduler.ts',
    trigger: { kind: 'schedule' },
    sections: ['store', 'queue'],
    environment: [ENV.logLevel],
    access: {
      table: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query'],
      workQueue: ['sqs:SendMessage'],
      sealBucket: ['s3:PutObject'],
    },
  },
} as const satisfies Record<string, HandlerManifest>;

export type HandlerKey = keyof typeof HANDLERS;
/** A function's name, e.g. `event-hook`. */
export type FunctionName = (typeof HANDLERS)[HandlerKey]['name'];
/** Every plain variable some function's entry lists: the stack must know a value (or "not here") for each. */
export type StackVariable = (typeof HANDLERS)[HandlerKey]['environment'][number];
