import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { BRIDGE_TABLE } from '../bridge/src/adapters/dynamodb/table-definition';
import { ENV } from '../bridge/src/config/env-names';
import { HANDLERS } from '../bridge/src/handlers/manifest';
import { ROUTES } from '../bridge/src/http/router';
import { BridgeAlarms } from '../constructs/bridge-alarms';
import { BridgeFunction } from '../constructs/bridge-function';
import { BridgeTable } from '../constructs/bridge-table';
import { EncryptionKey } from '../constructs/encryption-key';
import { FifoQueue } from '../constructs/fifo-queue';
import { FunctionSchedule } from '../constructs/function-schedule';
import { HttpApi } from '../constructs/http-api';
import { OutOfBandSecret } from '../constructs/out-of-band-secret';
import { BaseStack, type BaseStackProps } from './base-stack';
import { executorName, managedGroupsVariables, oktaVariables } from './bridge-environment';

export type BridgeStackProps = BaseStackProps;

/** The bridge's Lambda functions, by the name of their handler module under `bridge/src/handlers/`. */
export type BridgeFunctionKey = 'intake' | 'worker' | 'event-hook' | 'health' | 'scheduler';

/** The secrets the bridge reads at start-up; their values are set out of band, never through Terraform. */
export interface BridgeSecrets {
  readonly webhookSigning: OutOfBandSecret;
  readonly eventHook: OutOfBandSecret;
  readonly oktaPrivateKey: OutOfBandSecret;
  readonly serviceNowCredentials: OutOfBandSecret;
  /** Only when Okta Workflows flows are secured with a client token. */
  readonly workflowsClientToken?: OutOfBandSecret;
}

/**
 * The AWS side of the webhook bridge: an HTTP API in front of the intake, event-hook and health functions, an SQS FIFO
 * queue (with dead-letter queue) feeding the worker, the golden-thread table, the secrets, alarms and outputs.
 *
 * Every function has its own role holding only what its grants add. The stack reads nothing from the identity stack
 * (identity reads this stack's event-hook URL): managed groups are passed by name and resolved by the bridge.
 */
export class BridgeStack extends BaseStack {
  public readonly api: HttpApi;
  public readonly functions: Readonly<Record<BridgeFunctionKey, BridgeFunction>>;
  public readonly queue: FifoQueue;
  public readonly table: BridgeTable;
  public readonly encryptionKey: EncryptionKey;
  public readonly secrets: BridgeSecrets;
  public readonly alarms: BridgeAlarms;
  /** Base URL of the bridge API, without a trailing slash. */
  public readonly bridgeUrl: string;
  /** Where ServiceNow posts JML requests (the ServiceNow stack's REST message). */
  public readonly intakeUrl: string;
  /** Where Okta delivers lifecycle events (the identity stack's event hook). */
  public readonly eventHookUrl: string;

  constructor(scope: Construct, props: BridgeStackProps) {
    super(scope, 'bridge', props);
    const { config } = props;
    const { bridge, aws, name } = config;
    const prefix = `jml-bridge-${name}`;
    new AwsProvider(this, 'aws', {
      region: aws.region,
      allowedAccountIds: [aws.accountId],
      defaultTags: [{ tags: { ...config.tags, environment: name, 'managed-by': 'cdktf' } }],
    });

    this.encryptionKey = new EncryptionKey(this, 'DataKey', {
      alias: prefix,
      description: `Encrypts the JML bridge table and secrets of ${name}.`,
      region: aws.region,
    });
    this.table = new BridgeTable(this, 'Table', {
      tableName: prefix,
      definition: BRIDGE_TABLE,
      encryptionKey: this.encryptionKey,
      deletionProtection: bridge.tableDeletionProtection,
    });
    this.queue = new FifoQueue(this, 'WorkQueue', {
      queueName: `${prefix}-work`,
      consumerTimeoutSeconds: bridge.functions.worker.timeoutSeconds,
      maxReceiveCount: bridge.queue.maxReceiveCount,
      deadLetterRetentionDays: bridge.queue.deadLetterRetentionDays,
    });
    this.secrets = this.declareSecrets(config, prefix);

    this.functions = this.declareFunctions(config, prefix);
    this.grantAccess(config);

    this.api = new HttpApi(this, 'Api', {
      apiName: prefix,
      description: `JML bridge of ${name}: ServiceNow intake, Okta event hook, health.`,
      throttlingRateLimit: bridge.api.throttlingRateLimit,
      throttlingBurstLimit: bridge.api.throttlingBurstLimit,
      logRetentionDays: bridge.logRetentionDays,
    });
    const { intake, 'event-hook': eventHook, health } = this.functions;
    this.api.addLambdaRoute('POST', ROUTES.intake, intake);
    this.api.addLambdaRoute('GET', ROUTES.eventHook, eventHook);
    this.api.addLambdaRoute('POST', ROUTES.eventHook, eventHook);
    this.api.addLambdaRoute('GET', ROUTES.health, health);
    this.bridgeUrl = this.api.apiEndpoint;
    this.intakeUrl = this.api.urlFor(ROUTES.intake);
    this.eventHookUrl = this.api.urlFor(ROUTES.eventHook);

    const { email, topicArn, periodSeconds, ...thresholds } = bridge.alarms;
    this.alarms = new BridgeAlarms(this, 'Alarms', {
      namePrefix: prefix,
      apiId: this.api.apiId,
      functionNames: Object.fromEntries(Object.entries(this.functions).map(([key, fn]) => [key, fn.functionName])),
      workerKey: 'worker',
      deadLetterQueueName: this.queue.deadLetterQueueName,
      thresholds,
      periodSeconds,
      notify: topicArn ? { topicArn } : email ? { email } : undefined,
    });

    this.declareOutputs();
  }

  /** One function per entry of the bridge's handler manifest, each given only the variables its handler's config reads. */
  private declareFunctions(config: BridgeStackProps['config'], prefix: string): Record<BridgeFunctionKey, BridgeFunction> {
    const { bridge } = config;
    const common = { logRetentionDays: bridge.logRetentionDays, enableSourceMaps: bridge.enableSourceMaps };
    const base = { [ENV.logLevel]: bridge.logLevel, [ENV.tableName]: this.table.tableName };
    const serviceNow = {
      [ENV.serviceNowUrl]: bridge.serviceNowInstanceUrl,
      [ENV.serviceNowCredentialsArn]: this.secrets.serviceNowCredentials.secretArn,
    };
    const intake = new BridgeFunction(this, 'Intake', {
      ...common,
      functionName: `${prefix}-intake`,
      description: 'Verifies, records and queues ServiceNow JML requests (POST /v1/jml).',
      entry: HANDLERS.intake.entry,
      ...bridge.functions.intake,
      environment: {
        ...base,
        ...managedGroupsVariables(config),
        [ENV.queueUrl]: this.queue.queueUrl,
        [ENV.webhookSecretArn]: this.secrets.webhookSigning.secretArn,
      },
    });
    const worker = new BridgeFunction(this, 'Worker', {
      ...common,
      functionName: `${prefix}-worker`,
      description: 'Applies queued JML requests in Okta and writes the outcome back to ServiceNow.',
      entry: HANDLERS.worker.entry,
      memoryMb: bridge.functions.worker.memoryMb,
      timeoutSeconds: bridge.functions.worker.timeoutSeconds,
      reservedConcurrency: bridge.functions.worker.reservedConcurrency,
      environment: {
        ...base,
        ...managedGroupsVariables(config),
        ...oktaVariables(config),
        [ENV.oktaPrivateKeyArn]: this.secrets.oktaPrivateKey.secretArn,
        ...(this.secrets.workflowsClientToken ? { [ENV.workflowsClientTokenArn]: this.secrets.workflowsClientToken.secretArn } : {}),
        ...serviceNow,
      },
    });
    const eventHook = new BridgeFunction(this, 'EventHook', {
      ...common,
      functionName: `${prefix}-event-hook`,
      description: 'Verifies the Okta event hook and confirms golden threads from System Log events.',
      entry: HANDLERS.eventHook.entry,
      ...bridge.functions.eventHook,
      environment: {
        ...base,
        [ENV.eventHookSecretArn]: this.secrets.eventHook.secretArn,
        // The identity stack's event hook sends its secret in the Authorization header.
        [ENV.eventHookHeader]: 'authorization',
        ...serviceNow,
      },
    });
    const health = new BridgeFunction(this, 'Health', {
      ...common,
      functionName: `${prefix}-health`,
      description: 'Answers GET /health without touching any other resource.',
      entry: HANDLERS.health.entry,
      ...bridge.functions.health,
      environment: { [ENV.logLevel]: bridge.logLevel, [ENV.executor]: executorName(config) },
    });
    const scheduler = new BridgeFunction(this, 'Scheduler', {
      ...common,
      functionName: `${prefix}-scheduler`,
      description: 'Re-queues scheduled JML requests (future start or end dates) whose date has come.',
      entry: HANDLERS.scheduler.entry,
      ...bridge.functions.scheduler,
      environment: { ...base, [ENV.queueUrl]: this.queue.queueUrl },
    });
    new FunctionSchedule(this, 'SchedulerSchedule', {
      ruleName: `${prefix}-scheduler`,
      description: 'Releases scheduled JML requests whose effective date has come.',
      rateMinutes: bridge.schedulerRateMinutes,
      functionName: scheduler.functionName,
      functionArn: scheduler.functionArn,
    });
    return { intake, worker, 'event-hook': eventHook, health, scheduler };
  }

  /** What each function may touch: exactly what its handler's composition uses (see `bridge/src/handlers/`). */
  private grantAccess(config: BridgeStackProps['config']): void {
    const { bridge } = config;
    const { intake, worker, 'event-hook': eventHook, scheduler } = this.functions;
    this.table.grantReadWriteData(intake);
    this.queue.grantSendMessages(intake);
    this.secrets.webhookSigning.grantRead(intake);

    this.table.grantReadWriteData(worker);
    this.queue.addLambdaConsumer(worker, {
      batchSize: bridge.queue.batchSize,
      maximumConcurrency: bridge.functions.worker.reservedConcurrency,
    });
    this.secrets.oktaPrivateKey.grantRead(worker);
    this.secrets.workflowsClientToken?.grantRead(worker);
    this.secrets.serviceNowCredentials.grantRead(worker);

    this.table.grantReadWriteData(eventHook);
    this.secrets.eventHook.grantRead(eventHook);
    this.secrets.serviceNowCredentials.grantRead(eventHook);

    this.table.grantReadWriteData(scheduler);
    this.queue.grantSendMessages(scheduler);
  }

  private declareSecrets(config: BridgeStackProps['config'], prefix: string): BridgeSecrets {
    const secret = (id: string, suffix: string, description: string) =>
      new OutOfBandSecret(this, id, {
        secretName: `${prefix}/${suffix}`,
        description,
        encryptionKey: this.encryptionKey,
      });
    const clientToken = config.jml.executor === 'workflows' && config.jml.workflows.auth === 'client-token';
    return {
      webhookSigning: secret(
        'WebhookSigningSecret',
        'webhook-signing-secret',
        'Standard Webhooks signing secret (whsec_...) shared with the ServiceNow script include; two, space-separated, during a rotation.',
      ),
      eventHook: secret(
        'EventHookSecret',
        'event-hook-secret',
        "Authorization header value of the Okta event hook; the identity stack's TF_VAR_event_hook_auth_secret holds the same value.",
      ),
      oktaPrivateKey: secret(
        'OktaPrivateKey',
        'okta-private-key',
        `JML service app credential as JSON {"clientId":...,"keyId":"${config.identity.serviceApp.publicKeys[0].kid}","privateKey":PEM or JWK}.`,
      ),
      serviceNowCredentials: secret(
        'ServiceNowCredentials',
        'servicenow-credentials',
        'ServiceNow Table API credentials as JSON: {"type":"basic","username":...,"password":...} or {"type":"bearer","token":...}.',
      ),
      workflowsClientToken: clientToken
        ? secret('WorkflowsClientToken', 'workflows-client-token', 'Client token of the Okta Workflows API-endpoint flows.')
        : undefined,
    };
  }

  private declareOutputs(): void {
    new TerraformOutput(this, 'bridge_url', {
      staticId: true,
      value: this.bridgeUrl,
      description: 'Base URL of the JML bridge API.',
    });
    new TerraformOutput(this, 'intake_url', {
      staticId: true,
      value: this.intakeUrl,
      description: 'URL ServiceNow posts signed JML requests to.',
    });
    new TerraformOutput(this, 'event_hook_url', {
      staticId: true,
      value: this.eventHookUrl,
      description: 'URL of the Okta event hook endpoint (GET verification, POST events).',
    });
    new TerraformOutput(this, 'secret_arns', {
      staticId: true,
      value: Object.fromEntries(
        Object.entries(this.secrets)
          .filter((entry): entry is [string, OutOfBandSecret] => entry[1] !== undefined)
          .map(([key, secret]) => [key, secret.secretArn]),
      ),
      description: 'ARN of each secret whose value must be set out of band (aws secretsmanager put-secret-value).',
    });
    new TerraformOutput(this, 'dead_letter_queue_url', {
      staticId: true,
      value: this.queue.deadLetterQueue.url,
      description: 'Dead-letter queue of JML requests the worker could not process; inspect and replay from here.',
    });
  }
}
