import { SECTION_SCHEMAS, Section } from '../config/load';
import { ENV } from '../config/env-names';

/**
 * What each Lambda entry point needs from the AWS stack, as plain data: the bundle entry, the configuration sections
 * it reads (so its environment variables), and the AWS actions its code performs. The bridge stack derives function
 * environments and least-privilege IAM policies from this instead of copying lists by hand.
 */
export interface HandlerManifest {
  /** Path of the entry file from the repository root; it exports `handler`. */
  readonly entry: string;
  readonly trigger: 'http' | 'sqs-fifo' | 'schedule';
  /** HTTP routes (method and path) for `http` triggers. */
  readonly routes?: readonly string[];
  readonly sections: readonly Section[];
  /** DynamoDB actions on the bridge table and its indexes. */
  readonly dynamodb: readonly string[];
  /** SQS actions on the work queue (the event source mapping needs the receive side). */
  readonly sqs: readonly string[];
  /** Whether the function reads its secrets (`*_SECRET_ARN`) with `secretsmanager:GetSecretValue`. */
  readonly readsSecrets: boolean;
}

export const HANDLERS = {
  intake: {
    entry: 'bridge/src/handlers/intake.ts',
    trigger: 'http',
    routes: ['POST /v1/jml'],
    sections: ['store', 'queue', 'managedGroups', 'intake'],
    dynamodb: ['dynamodb:PutItem', 'dynamodb:GetItem'],
    sqs: ['sqs:SendMessage'],
    readsSecrets: true,
  },
  worker: {
    entry: 'bridge/src/handlers/worker.ts',
    trigger: 'sqs-fifo',
    sections: ['store', 'managedGroups', 'okta', 'serviceNow'],
    dynamodb: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    sqs: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'],
    readsSecrets: true,
  },
  eventHook: {
    entry: 'bridge/src/handlers/event-hook.ts',
    trigger: 'http',
    routes: ['GET /v1/okta/events', 'POST /v1/okta/events'],
    sections: ['store', 'eventHook', 'serviceNow'],
    dynamodb: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    sqs: [],
    readsSecrets: true,
  },
  health: {
    entry: 'bridge/src/handlers/health.ts',
    trigger: 'http',
    routes: ['GET /health'],
    sections: [],
    dynamodb: [],
    sqs: [],
    readsSecrets: false,
  },
  scheduler: {
    entry: 'bridge/src/handlers/scheduler.ts',
    trigger: 'schedule',
    sections: ['store', 'queue'],
    dynamodb: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query'],
    sqs: ['sqs:SendMessage'],
    readsSecrets: false,
  },
} as const satisfies Record<string, HandlerManifest>;

/** Every environment variable a function with these sections may read (`LOG_LEVEL` included). */
export function environmentVariablesOf(sections: readonly Section[]): string[] {
  const names = new Set<string>([ENV.logLevel]);
  for (const section of sections) {
    for (const name of Object.keys(SECTION_SCHEMAS[section].shape)) {
      names.add(name);
    }
  }
  return [...names].sort();
}
