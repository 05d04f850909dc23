import '../helpers/cdktf-matchers';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { BRIDGE_RESOURCES, BRIDGE_TABLE, environmentVariablesOf, HANDLERS, routeKeysOf, type HandlerManifest, type ResourceName } from '../../bridge/contract';
import { annotationsOf } from '../../guardrails/annotations';
import { exampleWith } from '../helpers/config';
import { declareForTest, refTo, resourcesOf, synthJson, synthString, type SynthJson } from '../helpers/synth';

const PREFIX = 'jml-bridge-example';

/** The statements of the inline policy attached to the role of `functionName`, followed through the references. */
function policyOf(json: SynthJson, functionName: string): Record<string, any>[] {
  const fn = resourcesOf(json, 'aws_lambda_function').find((f) => f.function_name === functionName);
  if (!fn) throw new Error(`no function ${functionName}`);
  const role = /^\$\{aws_iam_role\.([^.]+)\.arn\}$/.exec(fn.role)?.[1];
  const attachments = resourcesOf(json, 'aws_iam_role_policy').filter((p) => p.role === `\${aws_iam_role.${role}.id}`);
  expect(attachments).toHaveLength(1);
  const document = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(attachments[0].policy)?.[1];
  return json.data!.aws_iam_policy_document[document!].statement;
}

/** A statement as `actions on resources [via service]`, sorted, so a role's whole policy compares as one list. */
function permissions(statements: Record<string, any>[]): string[] {
  return statements
    .map((s) => {
      const via = s.condition?.find((c: any) => c.variable === 'kms:ViaService')?.values.join(',');
      expect(s.effect).toBe('Allow');
      return `${[...s.actions].sort().join(' ')} on ${[...s.resources].sort().join(' ')}${via ? ` via ${via}` : ''}`;
    })
    .sort();
}

describe('BridgeStack', () => {
  const { stacks } = declareForTest(exampleWith());
  // Identity first, as App.synth prepares every stack before writing any: preparing identity adds the cross-stack output to bridge.
  const identityJson = synthJson(stacks.identity);
  const synth = synthString(stacks.bridge);
  const json = JSON.parse(synth) as SynthJson;

  const table = refTo(json, 'aws_dynamodb_table', 'name', PREFIX, 'arn');
  const key = refTo(json, 'aws_kms_key', 'enable_key_rotation', true, 'arn');
  const queue = refTo(json, 'aws_sqs_queue', 'name', `${PREFIX}-work.fifo`, 'arn');
  const seals = refTo(json, 'aws_s3_bucket', 'bucket', `${PREFIX}-seals-123456789012`, 'arn');
  const secret = (suffix: string) => refTo(json, 'aws_secretsmanager_secret', 'name', `${PREFIX}/${suffix}`, 'arn');
  const logs = (fn: string) => `${refTo(json, 'aws_cloudwatch_log_group', 'name', `/aws/lambda/${PREFIX}-${fn}`, 'arn')}:*`;
  /** The secret each secret resource of the contract is, by name suffix. */
  const SECRET_SUFFIX: Partial<Record<ResourceName, string>> = {
    webhookSigningSecret: 'webhook-signing-secret',
    eventHookSecret: 'event-hook-secret',
    oktaPrivateKey: 'okta-private-key',
    serviceNowCredentials: 'servicenow-credentials',
    workflowsClientToken: 'workflows-client-token',
  };
  const readSecret = (suffix: string) => [
    `secretsmanager:GetSecretValue on ${secret(suffix)}`,
    `kms:Decrypt on ${key} via secretsmanager.eu-west-1.amazonaws.com`,
  ];

  /**
   * What a role must allow, written out from the manifest entry alone: its own logs, then per resource exactly the
   * listed actions (item actions on the table, Query on its indexes, the table key through DynamoDB with the write
   * actions only when the entry writes; a secret and its key through Secrets Manager).
   */
  function expectedPermissions(stackJson: SynthJson, entry: HandlerManifest): string[] {
    const has = (type: string, name: string) => resourcesOf(stackJson, type).some((r) => r.name === name);
    const tableArnOf = (resource: ResourceName) =>
      refTo(stackJson, 'aws_dynamodb_table', 'name', resource === 'configTable' ? `${PREFIX}-config` : PREFIX, 'arn');
    const keyArn = refTo(stackJson, 'aws_kms_key', 'enable_key_rotation', true, 'arn');
    const out = [
      `logs:CreateLogStream logs:PutLogEvents on ${refTo(stackJson, 'aws_cloudwatch_log_group', 'name', `/aws/lambda/${PREFIX}-${entry.name}`, 'arn')}:*`,
    ];
    for (const [resource, listed] of Object.entries(entry.access) as [ResourceName, readonly string[]][]) {
      const actions = [...listed].sort();
      switch (BRIDGE_RESOURCES[resource].kind) {
        case 'dynamodb-table': {
          const tableArn = tableArnOf(resource);
          const items = actions.filter((a) => a !== 'dynamodb:Query');
          if (items.length > 0) out.push(`${items.join(' ')} on ${tableArn}`);
          if (actions.includes('dynamodb:Query')) {
            out.push(
              `dynamodb:Query on ${BRIDGE_TABLE.globalSecondaryIndexes
                .map((i) => `${tableArn}/index/${i.indexName}`)
                .sort()
                .join(' ')}`,
            );
          }
          const writes = actions.includes('dynamodb:PutItem') || actions.includes('dynamodb:UpdateItem');
          const kms = writes ? 'kms:Decrypt kms:DescribeKey kms:Encrypt kms:GenerateDataKey' : 'kms:Decrypt kms:DescribeKey';
          out.push(`${kms} on ${keyArn} via dynamodb.eu-west-1.amazonaws.com`);
          break;
        }
        case 'sqs-queue':
          out.push(`${actions.join(' ')} on ${refTo(stackJson, 'aws_sqs_queue', 'name', `${PREFIX}-work.fifo`, 'arn')}`);
          break;
        case 's3-seal-bucket': {
          expect(actions).toEqual(['s3:PutObject']);
          const bucketArn = refTo(stackJson, 'aws_s3_bucket', 'bucket', `${PREFIX}-seals-123456789012`, 'arn');
          out.push(`s3:PutObject on ${bucketArn}/batches/*`, `kms:Decrypt kms:GenerateDataKey on ${keyArn} via s3.eu-west-1.amazonaws.com`);
          break;
        }
        case 'secret': {
          const name = `${PREFIX}/${SECRET_SUFFIX[resource]}`;
          if (!has('aws_secretsmanager_secret', name)) break; // an optional secret this configuration does not declare
          expect(actions).toEqual(['secretsmanager:GetSecretValue']);
          const arn = refTo(stackJson, 'aws_secretsmanager_secret', 'name', name, 'arn');
          out.push(`secretsmanager:GetSecretValue on ${arn}`, `kms:Decrypt on ${keyArn} via secretsmanager.eu-west-1.amazonaws.com`);
          break;
        }
      }
    }
    return out.sort();
  }

  test('passes the least-privilege guardrails with no error and no warning', () => {
    expect(annotationsOf(stacks.bridge).filter((a) => a.level !== 'info')).toEqual([]);
  });

  test('configures the AWS provider for the environment account and region, with default tags', () => {
    expect(json.provider.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['123456789012'],
        default_tags: [{ tags: { owner: 'platform-engineering', 'cost-center': 'identity', environment: 'example', 'managed-by': 'cdktf' } }],
      },
    ]);
    expect(json.terraform.required_providers.aws).toMatchObject({ source: 'aws', version: '6.25.0' });
  });

  test.each([
    ['intake', 256, 10],
    ['worker', 512, 120],
    ['event-hook', 256, 10],
    ['health', 128, 5],
    ['scheduler', 256, 60],
  ])('runs %s on Node.js 22 arm64 from its own bundle, with its own role and log group', (fn, memory, timeout) => {
    const resource = resourcesOf(json, 'aws_lambda_function').find((f) => f.function_name === `${PREFIX}-${fn}`)!;
    const bundle = stacks.bridge.functions[fn as keyof typeof stacks.bridge.functions].code;
    expect(resource).toMatchObject({
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      memory_size: memory,
      timeout,
      source_code_hash: bundle.assetHash,
      filename: expect.stringMatching(new RegExp(`^assets/[\\w-]+/${bundle.assetHash}/archive\\.zip$`)),
      logging_config: { log_format: 'Text', log_group: refTo(json, 'aws_cloudwatch_log_group', 'name', `/aws/lambda/${PREFIX}-${fn}`, 'name') },
    });
    expect(resource.environment.variables.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(resourcesOf(json, 'aws_cloudwatch_log_group').find((g) => g.name === `/aws/lambda/${PREFIX}-${fn}`)).toMatchObject({
      retention_in_days: 90,
    });
    expect(bundle.bundle.inputs).toContain(`bridge/src/handlers/${fn}.ts`);
  });

  test('bundles only what each handler imports: the Okta SDK is in the worker alone', () => {
    const fns = stacks.bridge.functions;
    const usesOkta = (f: keyof typeof fns) => fns[f].code.bundle.inputs.some((i) => i.includes('@okta/okta-sdk-nodejs'));
    expect(usesOkta('worker')).toBe(true);
    for (const other of ['intake', 'event-hook', 'health', 'scheduler'] as const) expect(usesOkta(other)).toBe(false);
    expect(fns.health.code.bundle.inputs.some((i) => i.startsWith('node_modules/@aws-sdk/'))).toBe(false);
  });

  test('every bundle is self-contained: it loads in a fresh Node process outside the repository', () => {
    for (const fn of Object.values(stacks.bridge.functions)) {
      const loaded = execFileSync(process.execPath, ['-e', 'console.log(typeof require(process.argv[1]).handler)', `${fn.code.bundle.directory}/index.js`], {
        cwd: os.tmpdir(),
        env: { PATH: process.env.PATH },
      });
      expect(loaded.toString().trim()).toBe('function');
    }
    const health = execFileSync(
      process.execPath,
      [
        '-e',
        'require(process.argv[1]).handler().then((r) => console.log(JSON.stringify(r)))',
        `${stacks.bridge.functions.health.code.bundle.directory}/index.js`,
      ],
      { cwd: os.tmpdir(), env: { PATH: process.env.PATH, BRIDGE_EXECUTOR: 'workflows' } },
    );
    expect(JSON.parse(health.toString())).toMatchObject({ statusCode: 200 });
  });

  describe('each role allows exactly what its handler manifest entry lists, nothing more', () => {
    test.each(Object.values(HANDLERS) as HandlerManifest[])('$name', (entry) => {
      expect(permissions(policyOf(json, `${PREFIX}-${entry.name}`))).toEqual(expectedPermissions(json, entry));
    });

    test('intake: only puts and gets threads (no update, no query of the indexes), sends to the queue, reads its signing secret', () => {
      const intake = permissions(policyOf(json, `${PREFIX}-intake`));
      expect(intake.filter((p) => p.includes(table))).toEqual([`dynamodb:GetItem dynamodb:PutItem on ${table}`]);
      expect(intake).toEqual(expect.arrayContaining([`sqs:SendMessage on ${queue}`, ...readSecret('webhook-signing-secret')]));
      expect(intake.join('\n')).not.toMatch(/dynamodb:UpdateItem|dynamodb:Query|sqs:ReceiveMessage/);
      // and seals what it stores, writing under batches/ only
      expect(intake).toContain(`s3:PutObject on ${seals}/batches/*`);
    });

    test('health: nothing but its own logs', () => {
      expect(permissions(policyOf(json, `${PREFIX}-health`))).toEqual([`logs:CreateLogStream logs:PutLogEvents on ${logs('health')}`]);
    });

    test('with a Workflows client token, the worker alone also reads that secret', () => {
      const config = exampleWith((raw) => (raw.jml.workflows.auth = 'client-token'));
      const other = JSON.parse(synthString(declareForTest(config).stacks.bridge)) as SynthJson;
      for (const entry of Object.values(HANDLERS) as HandlerManifest[]) {
        expect(permissions(policyOf(other, `${PREFIX}-${entry.name}`))).toEqual(expectedPermissions(other, entry));
      }
      expect(expectedPermissions(other, HANDLERS.worker).join('\n')).toContain('WorkflowsClientToken');
    });

    test.each(Object.values(HANDLERS) as HandlerManifest[])(
      '$name: its environment is its entry, plus the variables naming the resources it may touch',
      (entry) => {
        const fn = resourcesOf(json, 'aws_lambda_function').find((f) => f.function_name === `${PREFIX}-${entry.name}`)!;
        const consumed = entry.trigger.kind === 'sqs-fifo' ? entry.trigger.queue : undefined;
        const declared = (r: ResourceName) =>
          BRIDGE_RESOURCES[r].kind !== 'secret' || resourcesOf(json, 'aws_secretsmanager_secret').some((x) => x.name === `${PREFIX}/${SECRET_SUFFIX[r]}`);
        const named = (Object.keys(entry.access) as ResourceName[]).filter((r) => r !== consumed && declared(r)).map((r) => BRIDGE_RESOURCES[r].variable);
        const listed = entry.environment.filter((v) => v in fn.environment.variables);
        expect(Object.keys(fn.environment.variables).sort()).toEqual(['NODE_OPTIONS', ...listed, ...named].sort());
        for (const v of Object.keys(fn.environment.variables).filter((n) => n !== 'NODE_OPTIONS')) {
          expect(environmentVariablesOf(entry.sections).includes(v) || entry.environment.includes(v as never)).toBe(true);
        }
      },
    );

    test('every role is assumable by Lambda only, one role per function', () => {
      const roles = resourcesOf(json, 'aws_iam_role');
      expect(roles.map((r) => r.name).sort()).toEqual(['event-hook', 'health', 'intake', 'scheduler', 'worker'].map((f) => `${PREFIX}-${f}`));
      const assume = Object.entries(json.data!.aws_iam_policy_document).filter(([id]) => id.includes('AssumeRolePolicy'));
      expect(assume).toHaveLength(5);
      for (const [, doc] of assume) {
        expect(doc.statement).toEqual([{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] }]);
      }
      expect(json.resource).not.toHaveProperty('aws_iam_role_policy_attachment');
    });
  });

  test('queues work on a FIFO queue with explicit deduplication ids and a FIFO dead-letter queue', () => {
    const [main, dlq] = [`${PREFIX}-work.fifo`, `${PREFIX}-work-dlq.fifo`].map((name) => resourcesOf(json, 'aws_sqs_queue').find((q) => q.name === name)!);
    expect(main).toMatchObject({
      fifo_queue: true,
      content_based_deduplication: false,
      sqs_managed_sse_enabled: true,
      visibility_timeout_seconds: 6 * 120,
    });
    expect(main.redrive_policy).toBe(
      `\${jsonencode({"deadLetterTargetArn" = ${refTo(json, 'aws_sqs_queue', 'name', `${PREFIX}-work-dlq.fifo`, 'arn').slice(2, -1)}, "maxReceiveCount" = 5})}`,
    );
    expect(dlq).toMatchObject({ fifo_queue: true, content_based_deduplication: false, message_retention_seconds: 14 * 24 * 3600 });
    expect(dlq).not.toHaveProperty('redrive_policy');
    expect(synth).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      event_source_arn: queue,
      function_name: refTo(json, 'aws_lambda_function', 'function_name', `${PREFIX}-worker`, 'arn'),
      batch_size: 1,
      function_response_types: ['ReportBatchItemFailures'],
      scaling_config: { maximum_concurrency: 4 },
    });
    const worker = resourcesOf(json, 'aws_lambda_function').find((f) => f.function_name === `${PREFIX}-worker`)!;
    expect(worker.reserved_concurrent_executions).toBe(4);
  });

  test('keeps the golden thread in a table built from the bridge definition, with PITR, KMS encryption and TTL', () => {
    expect(synth).toHaveResourceWithProperties(DynamodbTable, {
      name: PREFIX,
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true, kms_key_arn: key },
      ttl: { enabled: true, attribute_name: BRIDGE_TABLE.ttlAttribute },
      deletion_protection_enabled: true,
    });
    const resource = resourcesOf(json, 'aws_dynamodb_table').find((table) => table.name === PREFIX)!;
    expect(resource.global_secondary_index).toEqual(
      BRIDGE_TABLE.globalSecondaryIndexes.map((i) => ({
        name: i.indexName,
        hash_key: i.partitionKey.name,
        range_key: i.sortKey.name,
        projection_type: 'ALL',
      })),
    );
    const keyNames = [BRIDGE_TABLE.partitionKey.name, ...BRIDGE_TABLE.globalSecondaryIndexes.flatMap((i) => [i.partitionKey.name, i.sortKey.name])];
    expect(resource.attribute.map((a: any) => a.name).sort()).toEqual([...new Set(keyNames)].sort());
    expect(resource.attribute).toContainEqual({ name: 'gsi4pk', type: 'S' });
    expect(resourcesOf(json, 'aws_kms_key')[0]).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  });

  test('declares secrets without values: no version resource, no value attribute, only ARNs in the functions', () => {
    const names = resourcesOf(json, 'aws_secretsmanager_secret')
      .map((s) => s.name)
      .sort();
    expect(names).toEqual(['event-hook-secret', 'okta-private-key', 'servicenow-credentials', 'webhook-signing-secret'].map((s) => `${PREFIX}/${s}`));
    for (const stackJson of [json, identityJson]) {
      expect(stackJson.resource).not.toHaveProperty('aws_secretsmanager_secret_version');
      const text = JSON.stringify(stackJson);
      for (const marker of ['secret_string', 'secret_binary', 'BEGIN PRIVATE KEY', '"d":']) expect(text).not.toContain(marker);
      expect(text).not.toMatch(/whsec_[A-Za-z0-9+/]{8}/);
    }
    const valueVariables = ['WEBHOOK_SIGNING_SECRET', 'EVENT_HOOK_SECRET', 'OKTA_PRIVATE_KEY', 'SERVICENOW_CREDENTIALS', 'OKTA_WORKFLOWS_CLIENT_TOKEN'];
    for (const fn of resourcesOf(json, 'aws_lambda_function')) {
      const variables = Object.keys(fn.environment.variables);
      for (const name of valueVariables) expect(variables).not.toContain(name);
      for (const name of variables.filter((v) => v.endsWith('_ARN'))) {
        expect(fn.environment.variables[name]).toMatch(/^\$\{aws_secretsmanager_secret\.[^.]+\.arn\}$/);
      }
    }
    const worker = resourcesOf(json, 'aws_lambda_function').find((f) => f.function_name === `${PREFIX}-worker`)!;
    // The client id travels in the Okta key secret: identity is deployed after the bridge.
    expect(worker.environment.variables).not.toHaveProperty('OKTA_CLIENT_ID');
    expect(json).not.toHaveProperty('variable');
    expect(worker.environment.variables).toMatchObject({
      OKTA_PRIVATE_KEY_SECRET_ARN: secret('okta-private-key'),
      SERVICENOW_CREDENTIALS_SECRET_ARN: secret('servicenow-credentials'),
      OKTA_KEY_ID: 'jml-bridge-2026-11',
      BRIDGE_EXECUTOR: 'workflows',
      OKTA_WORKFLOWS_AUTH: 'oauth',
      BRIDGE_MANAGED_GROUPS_DIGEST: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.parse(worker.environment.variables.OKTA_WORKFLOWS_FLOW_URLS)).toEqual({
      joiner: 'https://example-org.workflows.oktapreview.com/api/flo/jml-joiner-flow/invoke',
      mover: 'https://example-org.workflows.oktapreview.com/api/flo/jml-mover-flow-01/invoke',
      leaver: 'https://example-org.workflows.oktapreview.com/api/flo/jml-leaver-flow-01/invoke',
      rehire: 'https://example-org.workflows.oktapreview.com/api/flo/jml-rehire-flow-1/invoke',
    });
  });

  test('serves the bridge routes on a throttled HTTP API, each function invocable only through its own routes', () => {
    expect(
      resourcesOf(json, 'aws_apigatewayv2_route')
        .map((r) => r.route_key)
        .sort(),
    ).toEqual(['GET /health', 'GET /v1/okta/events', 'POST /v1/jml', 'POST /v1/okta/events']);
    const manifestRoutes = (Object.values(HANDLERS) as HandlerManifest[]).flatMap((e) => (e.trigger.kind === 'http' ? routeKeysOf(e.trigger.routes) : []));
    expect(manifestRoutes.sort()).toEqual(
      resourcesOf(json, 'aws_apigatewayv2_route')
        .map((r) => r.route_key)
        .sort(),
    );
    expect(synth).toHaveResourceWithProperties(Apigatewayv2Stage, {
      name: '$default',
      auto_deploy: true,
      default_route_settings: { throttling_rate_limit: 50, throttling_burst_limit: 100 },
    });
    const api = refTo(json, 'aws_apigatewayv2_api', 'name', PREFIX, 'execution_arn');
    const permissionsByFunction = resourcesOf(json, 'aws_lambda_permission')
      .filter((p) => p.principal === 'apigateway.amazonaws.com')
      .map((p) => `${p.function_name} ${p.source_arn}`)
      .sort();
    const fnName = (fn: string) => refTo(json, 'aws_lambda_function', 'function_name', `${PREFIX}-${fn}`, 'function_name');
    expect(permissionsByFunction).toEqual(
      [
        `${fnName('intake')} ${api}/*/POST/v1/jml`,
        `${fnName('event-hook')} ${api}/*/GET/v1/okta/events`,
        `${fnName('event-hook')} ${api}/*/POST/v1/okta/events`,
        `${fnName('health')} ${api}/*/GET/health`,
      ].sort(),
    );
    expect(resourcesOf(json, 'aws_apigatewayv2_integration')).toHaveLength(3);
  });

  test('runs the scheduler on a rate rule that alone may invoke it', () => {
    expect(synth).toHaveResourceWithProperties(CloudwatchEventRule, { schedule_expression: 'rate(15 minutes)' });
    const permission = resourcesOf(json, 'aws_lambda_permission').find((p) => p.principal === 'events.amazonaws.com');
    expect(permission?.source_arn).toBe(refTo(json, 'aws_cloudwatch_event_rule', 'name', `${PREFIX}-scheduler`, 'arn'));
  });

  test('alarms on 5xx rate, dead letters, worker errors and throttles, notifying the configured address', () => {
    const alarms = resourcesOf(json, 'aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(
      ['api-5xx-rate', 'dead-letters', 'worker-errors', ...['event-hook', 'health', 'intake', 'scheduler', 'worker'].map((f) => `${f}-throttles`)]
        .map((suffix) => `${PREFIX}-${suffix}`)
        .sort(),
    );
    const topic = refTo(json, 'aws_sns_topic', 'name', `${PREFIX}-alarms`, 'arn');
    for (const alarm of alarms) expect(alarm).toMatchObject({ alarm_actions: [topic], ok_actions: [topic] });
    expect(synth).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'email', endpoint: 'identity-oncall@example.com' });
    const rate = alarms.find((a) => a.alarm_name === `${PREFIX}-api-5xx-rate`)!;
    expect(rate.threshold).toBe(1);
    expect(rate.metric_query.find((q: any) => q.return_data).expression).toBe('IF(requests > 0, 100 * errors / requests, 0)');
    const deadLetters = alarms.find((a) => a.alarm_name === `${PREFIX}-dead-letters`)!;
    expect(deadLetters.dimensions).toEqual({ QueueName: refTo(json, 'aws_sqs_queue', 'name', `${PREFIX}-work-dlq.fifo`, 'name') });
  });

  test('anchors seals in an object-locked bucket (compliance mode, the configured retention) that the functions may only put to', () => {
    const bucket = refTo(json, 'aws_s3_bucket', 'bucket', `${PREFIX}-seals-123456789012`, 'id');
    expect(resourcesOf(json, 'aws_s3_bucket_object_lock_configuration').filter((r) => r.bucket === bucket)).toEqual([
      expect.objectContaining({ rule: { default_retention: { mode: 'COMPLIANCE', days: 2557 } } }),
    ]);
    expect(json.output.seal_bucket.value).toBe(refTo(json, 'aws_s3_bucket', 'bucket', `${PREFIX}-seals-123456789012`, 'bucket'));
    for (const fn of resourcesOf(json, 'aws_lambda_function').filter((f) => f.function_name !== `${PREFIX}-health`)) {
      expect(fn.environment.variables.BRIDGE_SEAL_BUCKET).toBe(json.output.seal_bucket.value);
    }
    const actions = Object.values(json.data!.aws_iam_policy_document as Record<string, { statement: Record<string, any>[] }>)
      .flatMap((d) => d.statement)
      .filter((s) => s.effect !== 'Deny' && (s.actions as string[]).some((a) => a.startsWith('s3:')))
      .flatMap((s) => s.actions as string[]);
    expect([...new Set(actions)]).toEqual(['s3:PutObject']);
  });

  test('outputs the bridge and event-hook URLs under stable, described names', () => {
    expect(
      Object.keys(json.output)
        .filter((name) => !name.startsWith('cross-stack-output-'))
        .sort(),
    ).toEqual(['bridge_url', 'dead_letter_queue_url', 'event_hook_url', 'intake_url', 'seal_bucket', 'secret_arns']);
    const endpoint = refTo(json, 'aws_apigatewayv2_api', 'name', PREFIX, 'api_endpoint');
    expect(json.output.bridge_url).toEqual({ value: endpoint, description: 'Base URL of the JML bridge API.' });
    expect(json.output.event_hook_url.value).toBe(`${endpoint}/v1/okta/events`);
    expect(json.output.intake_url.value).toBe(`${endpoint}/v1/jml`);
    for (const name of ['bridge_url', 'intake_url', 'event_hook_url', 'secret_arns', 'dead_letter_queue_url']) {
      expect(json.output[name]).not.toHaveProperty('sensitive');
      expect(json.output[name].description.length).toBeGreaterThan(20);
    }
  });

  test("the identity stack's event hook URL is the bridge stack's output, read from the bridge's state", () => {
    const uri = resourcesOf(identityJson, 'okta_event_hook')[0].channel.uri as string;
    const match = /^\$\{data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)\}\/v1\/okta\/events$/.exec(uri);
    expect(match).not.toBeNull();
    const [, remoteState, outputName] = match!;
    expect(identityJson.data!.terraform_remote_state[remoteState]).toMatchObject({
      backend: 'local',
      config: { path: '../../../terraform.bridge-example.tfstate' },
    });
    expect(json.output[outputName].value).toBe(refTo(json, 'aws_apigatewayv2_api', 'name', PREFIX, 'api_endpoint'));
    expect(JSON.stringify(json)).not.toContain('terraform_remote_state');
  });

  test('adds the Workflows client-token secret, read by the worker alone, when flows use a client token', () => {
    const config = exampleWith((raw) => (raw.jml.workflows.auth = 'client-token'));
    const other = JSON.parse(synthString(declareForTest(config).stacks.bridge)) as SynthJson;
    const tokenSecret = refTo(other, 'aws_secretsmanager_secret', 'name', `${PREFIX}/workflows-client-token`, 'arn');
    const readers = resourcesOf(other, 'aws_lambda_function')
      .filter((f) => permissions(policyOf(other, f.function_name)).some((p) => p.includes(tokenSecret)))
      .map((f) => f.function_name);
    expect(readers).toEqual([`${PREFIX}-worker`]);
    const worker = resourcesOf(other, 'aws_lambda_function').find((f) => f.function_name === `${PREFIX}-worker`)!;
    expect(worker.environment.variables.OKTA_WORKFLOWS_CLIENT_TOKEN_SECRET_ARN).toBe(tokenSecret);
    expect(worker.environment.variables.OKTA_SCOPES).not.toContain('okta.workflows.invoke.manage');
  });
});
