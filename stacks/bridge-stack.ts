import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
// Not re-exported by cdktf's index; the form cdktf itself renders `depends_on` from.
import { dependable } from 'cdktf/lib/tfExpression';
import type { Construct } from 'constructs';
import {
  BRIDGE_RESOURCES,
  BRIDGE_TABLE,
  CONFIG_TABLE,
  environmentVariablesOf,
  HANDLERS,
  ROUTE_METHODS,
  ROUTES,
  SEAL_READ_PREFIXES,
  type FunctionName,
  type HandlerManifest,
  type ResourceName,
} from '../bridge/contract';
import { BridgeAlarms } from '../constructs/bridge-alarms';
import { BridgeFunction } from '../constructs/bridge-function';
import { BridgeTable } from '../constructs/bridge-table';
import { EncryptionKey } from '../constructs/encryption-key';
import { FifoQueue } from '../constructs/fifo-queue';
import { FunctionSchedule } from '../constructs/function-schedule';
import { HttpApi } from '../constructs/http-api';
import { LockedBucket, ScopedRole } from '../constructs/locked-bucket';
import { ManagedGroupsConfig } from '../constructs/managed-groups-config';
import { OutOfBandSecret } from '../constructs/out-of-band-secret';
import { managedGroupNames } from '../config/naming';
import { BaseStack, type BaseStackProps } from './base-stack';
import { queueBinding, sealBucketBinding, secretBinding, tableBinding, type ResourceBindings } from './bridge-access';
import { stackVariables } from './bridge-environment';

export type BridgeStackProps = BaseStackProps;

/** The bridge's Lambda functions, by the name of their handler module under `bridge/src/handlers/`. */
export type BridgeFunctionKey = FunctionName;

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
 * Functions come from the bridge's handler manifest (`bridge/contract/manifest.ts`) alone: each one's trigger,
 * environment and IAM policy are built from its entry, and its role holds exactly the entry's `access`. The stack reads nothing from the identity stack
 * (identity reads this stack's event-hook URL): managed groups are passed by name and resolved by the bridge.
 */
export class BridgeStack extends BaseStack {
  public readonly api: HttpApi;
  public readonly functions: Readonly<Record<BridgeFunctionKey, BridgeFunction>>;
  public readonly queue: FifoQueue;
  public readonly table: BridgeTable;
  /** Configuration Terraform writes and the functions only read: the managed-group names. */
  public readonly configTable: BridgeTable;
  public readonly managedGroups: ManagedGroupsConfig;
  public readonly encryptionKey: EncryptionKey;
  /** Write-once anchor of every golden-thread seal (object lock, compliance mode): `npm run bridge:verify` reads it. */
  public readonly sealBucket: LockedBucket;
  /** Role auditors assume to list and read the seals (`bridge.sealAuditorPrincipals`); absent when none is configured. */
  public readonly sealAuditor?: ScopedRole;
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
    this.configTable = new BridgeTable(this, 'ConfigTable', {
      tableName: `${prefix}-config`,
      definition: CONFIG_TABLE,
      encryptionKey: this.encryptionKey,
      deletionProtection: bridge.tableDeletionProtection,
    });
    // Managed group NAMES, not ids: the bridge resolves ids at run time, so it never depends on the identity stack.
    this.managedGroups = new ManagedGroupsConfig(this, 'ManagedGroups', { table: this.configTable, names: managedGroupNames(config.identity) });
    this.queue = new FifoQueue(this, 'WorkQueue', {
      queueName: `${prefix}-work`,
      consumerTimeoutSeconds: bridge.functions.worker.timeoutSeconds,
      maxReceiveCount: bridge.queue.maxReceiveCount,
      deadLetterRetentionDays: bridge.queue.deadLetterRetentionDays,
    });
    this.secrets = this.declareSecrets(config, prefix);
    // The functions may only put seals here; nobody can rewrite or delete one before its retention ends.
    this.sealBucket = new LockedBucket(this, 'SealBucket', {
      bucketName: `${prefix}-seals-${aws.accountId}`,
      encryptionKey: this.encryptionKey,
      retentionDays: bridge.sealRetentionDays,
    });
    if (bridge.sealAuditorPrincipals) {
      this.sealAuditor = new ScopedRole(this, 'SealAuditor', {
        roleName: `${prefix}-seal-auditor`,
        description: `Assumed by auditors to read the golden-thread table and list and read its seals in ${this.sealBucket.bucket.bucket} (bridge:verify, bridge:evidence); read only.`,
        assumedBy: { principalArns: bridge.sealAuditorPrincipals },
      });
      this.sealBucket.grantReadUnder(this.sealAuditor, SEAL_READ_PREFIXES, 'AuditSeals');
      // What the seals are checked against: one role holds everything an audit reads, and nothing that writes.
      this.table.grantAuditRead(this.sealAuditor);
    }

    this.api = new HttpApi(this, 'Api', {
      apiName: prefix,
      description: `JML bridge of ${name}: ServiceNow intake, Okta event hook, health.`,
      throttlingRateLimit: bridge.api.throttlingRateLimit,
      throttlingBurstLimit: bridge.api.throttlingBurstLimit,
      logRetentionDays: bridge.logRetentionDays,
    });
    this.functions = this.declareFunctions(config, prefix);
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

  /** The resources manifest entries name, with how to grant on each and the value of its variable. */
  private resourceBindings(): ResourceBindings {
    const { workflowsClientToken } = this.secrets;
    return {
      table: tableBinding(this.table),
      configTable: tableBinding(this.configTable),
      workQueue: queueBinding(this.queue),
      webhookSigningSecret: secretBinding(this.secrets.webhookSigning),
      eventHookSecret: secretBinding(this.secrets.eventHook),
      oktaPrivateKey: secretBinding(this.secrets.oktaPrivateKey),
      serviceNowCredentials: secretBinding(this.secrets.serviceNowCredentials),
      workflowsClientToken: workflowsClientToken ? secretBinding(workflowsClientToken) : undefined,
      sealBucket: sealBucketBinding(this.sealBucket),
    };
  }

  /** One function per entry of the bridge's handler manifest, with the entry's environment, access and trigger. */
  private declareFunctions(config: BridgeStackProps['config'], prefix: string): Record<BridgeFunctionKey, BridgeFunction> {
    const { bridge } = config;
    const bindings = this.resourceBindings();
    const values = stackVariables(config);
    const functions = {} as Record<BridgeFunctionKey, BridgeFunction>;
    for (const [key, entry] of Object.entries(HANDLERS) as [keyof typeof HANDLERS, HandlerManifest][]) {
      const reads = new Set(environmentVariablesOf(entry.sections));
      const environment: Record<string, string> = {};
      for (const variable of entry.environment) {
        const value = values[variable as keyof typeof values];
        if (value !== undefined) environment[variable] = value;
      }
      const granted = Object.entries(entry.access).filter(([resource]) => bindings[resource as ResourceName] !== undefined);
      for (const [resource] of granted) {
        const { variable } = BRIDGE_RESOURCES[resource as ResourceName];
        if (reads.has(variable)) environment[variable] = bindings[resource as ResourceName]!.value;
      }
      const fn = new BridgeFunction(this, key.charAt(0).toUpperCase() + key.slice(1), {
        logRetentionDays: bridge.logRetentionDays,
        enableSourceMaps: bridge.enableSourceMaps,
        functionName: `${prefix}-${entry.name}`,
        description: entry.description,
        entry: entry.entry,
        ...bridge.functions[key],
        environment,
      });
      for (const [resource, actions] of granted) {
        bindings[resource as ResourceName]!.grant(fn, actions as readonly string[]);
      }
      if ((entry.sections as readonly string[]).includes('managedGroups')) {
        // The digest in its environment names the items: update the function only once they are written.
        fn.resource.dependsOn = [...(fn.resource.dependsOn ?? []), ...this.managedGroups.items.map((item) => dependable(item))];
      }
      this.declareTrigger(config, prefix, entry, fn);
      functions[entry.name as BridgeFunctionKey] = fn;
    }
    return functions;
  }

  private declareTrigger(config: BridgeStackProps['config'], prefix: string, entry: HandlerManifest, fn: BridgeFunction): void {
    const { bridge } = config;
    const { trigger } = entry;
    switch (trigger.kind) {
      case 'http':
        for (const route of trigger.routes) {
          for (const method of ROUTE_METHODS[route]) this.api.addLambdaRoute(method, ROUTES[route], fn);
        }
        return;
      case 'sqs-fifo':
        if (trigger.queue !== 'workQueue') {
          throw new Error(`handler ${entry.name}: trigger queue "${trigger.queue}" is not a queue of the bridge stack; use workQueue`);
        }
        this.queue.addLambdaConsumer(fn, {
          batchSize: bridge.queue.batchSize,
          maximumConcurrency: bridge.functions.worker.reservedConcurrency,
          // The manifest's access grants the consumer's actions; the mapping checks they are there.
          grant: false,
        });
        return;
      case 'schedule':
        new FunctionSchedule(this, `${fn.node.id}Schedule`, {
          ruleName: `${prefix}-${entry.name}`,
          description: entry.description,
          rateMinutes: bridge.schedulerRateMinutes,
          functionName: fn.functionName,
          functionArn: fn.functionArn,
        });
        return;
    }
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
    new TerraformOutput(this, 'seal_bucket', {
      staticId: true,
      value: this.sealBucket.bucketName,
      description: 'Object-locked bucket of the golden-thread seals: BRIDGE_SEAL_BUCKET for npm run bridge:verify / bridge:evidence.',
    });
    if (this.sealAuditor) {
      new TerraformOutput(this, 'seal_auditor_role_arn', {
        staticId: true,
        value: this.sealAuditor.roleArn,
        description: 'Role an auditor assumes to read the bridge table and the seal bucket for npm run bridge:verify / bridge:evidence (read only).',
      });
    }
    new TerraformOutput(this, 'dead_letter_queue_url', {
      staticId: true,
      value: this.queue.deadLetterQueue.url,
      description: 'Dead-letter queue of JML requests the worker could not process; inspect and replay from here.',
    });
  }
}
