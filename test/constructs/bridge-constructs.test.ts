import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { BridgeAlarms, type BridgeAlarmsProps } from '../../constructs/bridge-alarms';
import { BridgeFunction } from '../../constructs/bridge-function';
import { BridgeTable, type TableDefinition } from '../../constructs/bridge-table';
import { EncryptionKey } from '../../constructs/encryption-key';
import { FifoQueue } from '../../constructs/fifo-queue';
import { FunctionSchedule } from '../../constructs/function-schedule';
import { HttpApi } from '../../constructs/http-api';
import type { GrantStatement, IGrantable } from '../../constructs/iam-grants';
import { OutOfBandSecret } from '../../constructs/out-of-band-secret';
import { stackJsonOf } from '../helpers/synth';

/** Records what grant helpers add, so each helper's actions and resources can be read back. */
class RecordingGrantee implements IGrantable {
  public readonly statements: GrantStatement[] = [];
  addToPrincipalPolicy(statement: GrantStatement): void {
    this.statements.push(statement);
  }
}

const DEFINITION: TableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  billingMode: 'PAY_PER_REQUEST',
  ttlAttribute: 'expiresAt',
  globalSecondaryIndexes: [{ indexName: 'byUser', partitionKey: { name: 'user', type: 'S' }, projection: 'ALL' }],
};

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

describe('grant helpers', () => {
  test('the table grants item reads and writes on the table, queries on each named index, and its key through DynamoDB', () => {
    const scope = stack();
    const key = new EncryptionKey(scope, 'Key', { alias: 'k', description: 'k', region: 'eu-west-1' });
    const table = new BridgeTable(scope, 'Table', { tableName: 't', definition: DEFINITION, encryptionKey: key });
    const reader = new RecordingGrantee();
    table.grantReadData(reader);
    expect(reader.statements).toEqual([
      { sid: 'TableItems', actions: ['dynamodb:GetItem'], resources: [table.tableArn] },
      { sid: 'TableQueryIndexes', actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/byUser`] },
      {
        sid: 'TableKey',
        actions: ['kms:Decrypt', 'kms:DescribeKey'],
        resources: [key.keyArn],
        conditions: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['dynamodb.eu-west-1.amazonaws.com'] }],
      },
    ]);
    const writer = new RecordingGrantee();
    table.grantReadWriteData(writer);
    expect(writer.statements.map((s) => s.actions)).toEqual([
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      ['dynamodb:Query'],
      ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
    ]);
    expect(writer.statements.flatMap((s) => s.actions)).not.toContain('dynamodb:DeleteItem');
    const putGet = new RecordingGrantee();
    table.grant(putGet, ['dynamodb:PutItem', 'dynamodb:GetItem']);
    expect(putGet.statements.map((s) => s.actions)).toEqual([
      ['dynamodb:GetItem', 'dynamodb:PutItem'],
      ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
    ]);
    expect(() => table.grant(new RecordingGrantee(), ['dynamodb:DeleteItem' as never])).toThrow(/grant dynamodb:DeleteItem; grant one or more of/);
  });

  test('a secret grants GetSecretValue on itself and Decrypt of its key through Secrets Manager', () => {
    const scope = stack();
    const key = new EncryptionKey(scope, 'Key', { alias: 'k', description: 'k', region: 'us-east-2' });
    const secret = new OutOfBandSecret(scope, 'ApiToken', { secretName: 's', description: 'd', encryptionKey: key });
    const grantee = new RecordingGrantee();
    secret.grantRead(grantee);
    expect(grantee.statements).toEqual([
      { sid: 'ApiTokenRead', actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] },
      {
        sid: 'ApiTokenDecrypt',
        actions: ['kms:Decrypt'],
        resources: [key.keyArn],
        conditions: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['secretsmanager.us-east-2.amazonaws.com'] }],
      },
    ]);
  });

  test('the queue grants sending and consuming separately, on the queue only', () => {
    const queue = new FifoQueue(stack(), 'Jobs', { queueName: 'jobs', consumerTimeoutSeconds: 30, maxReceiveCount: 3 });
    const producer = new RecordingGrantee();
    const consumer = new RecordingGrantee();
    queue.grantSendMessages(producer);
    queue.grantConsumeMessages(consumer);
    expect(producer.statements).toEqual([{ sid: 'JobsSend', actions: ['sqs:SendMessage'], resources: [queue.queueArn] }]);
    expect(consumer.statements).toEqual([
      {
        sid: 'JobsConsume',
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        resources: [queue.queueArn],
      },
    ]);
  });
});

describe('BridgeFunction policy', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-fn-'));
    fs.writeFileSync(path.join(root, 'handler.ts'), 'export const handler = async () => ({ statusCode: 200 });\n');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const fn = (scope: TerraformStack, environment?: Record<string, string>) =>
    new BridgeFunction(scope, 'Fn', {
      functionName: 'fixture',
      description: 'fixture',
      entry: 'handler.ts',
      memoryMb: 128,
      timeoutSeconds: 3,
      logRetentionDays: 7,
      environment,
      bundling: { projectRoot: root, cacheDir: path.join(root, 'cache') },
    });

  test.each<[string, Partial<GrantStatement>, RegExp]>([
    ['a wildcard action', { actions: ['sqs:*'] }, /grant statement Extra is not least-privilege: action "sqs:\*" is a wildcard; list the exact actions/],
    ['a partial wildcard action', { actions: ['s3:Get*'] }, /action "s3:Get\*" is a wildcard/],
    ['an unscoped resource', { resources: ['*'] }, /resource "\*" is not scoped; pass the ARN of the resource/],
    ['a repeated sid', { sid: 'WriteOwnLogs' }, /sid "WriteOwnLogs" is already in this policy; grant each permission once/],
    ['no action', { actions: [] }, /it lists no action/],
  ])('refuses %s', (_what, change, expected) => {
    const scope = stack();
    const target = fn(scope);
    expect(() => target.addToPrincipalPolicy({ sid: 'Extra', actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:1:q'], ...change })).toThrow(
      expected,
    );
  });

  test('collects every grant into one policy document attached to its own role', () => {
    const scope = stack();
    const target = fn(scope);
    new FifoQueue(scope, 'Jobs', { queueName: 'jobs', consumerTimeoutSeconds: 30, maxReceiveCount: 3 }).grantSendMessages(target);
    const json = stackJsonOf(scope);
    const documents = Object.entries<any>(json.data.aws_iam_policy_document).filter(([id]) => !id.includes('AssumeRole'));
    expect(documents).toHaveLength(1);
    expect(documents[0][1].statement.map((s: any) => s.sid)).toEqual(['WriteOwnLogs', 'JobsSend']);
    expect(Object.values<any>(json.resource.aws_iam_role_policy)).toEqual([
      {
        name: 'least-privilege',
        role: `\${aws_iam_role.${Object.keys(json.resource.aws_iam_role)[0]}.id}`,
        policy: `\${data.aws_iam_policy_document.${documents[0][0]}.json}`,
      },
    ]);
    expect(target.grantStatements.map((s) => s.sid)).toEqual(['WriteOwnLogs', 'JobsSend']);
  });

  test('starts Node with source maps only when asked', () => {
    const variablesOf = (scope: TerraformStack) => Object.values<any>(stackJsonOf(scope).resource.aws_lambda_function)[0].environment.variables;
    const plain = stack();
    fn(plain, { A: '1' });
    expect(variablesOf(plain)).toEqual({ A: '1' });
    const mapped = stack();
    new BridgeFunction(mapped, 'Fn', {
      functionName: 'fixture',
      description: 'fixture',
      entry: 'handler.ts',
      memoryMb: 128,
      timeoutSeconds: 3,
      logRetentionDays: 7,
      enableSourceMaps: true,
      bundling: { projectRoot: root, cacheDir: path.join(root, 'cache') },
    });
    expect(variablesOf(mapped)).toEqual({ NODE_OPTIONS: '--enable-source-maps' });
  });

  test('refuses to set NODE_OPTIONS or the same variable twice', () => {
    expect(() => fn(stack(), { NODE_OPTIONS: '--inspect' })).toThrow(/NODE_OPTIONS is owned by BridgeFunction; use enableSourceMaps/);
    const target = fn(stack(), { A: '1' });
    target.addEnvironment('B', '2');
    expect(() => target.addEnvironment('A', '3')).toThrow(/environment variable A is already set/);
  });
});

describe('construct validation', () => {
  test('the queue refuses a consumer timeout whose visibility timeout SQS cannot hold', () => {
    expect(() => new FifoQueue(stack(), 'Q', { queueName: 'q', consumerTimeoutSeconds: 7201, maxReceiveCount: 3 })).toThrow(
      /a consumer timeout of 7201 s needs a visibility timeout of 43206 s, above SQS's 43200 s; lower the consumer timeout/,
    );
    expect(() => new FifoQueue(stack(), 'Q', { queueName: 'q', consumerTimeoutSeconds: 30, maxReceiveCount: 3, deadLetterRetentionDays: 3 })).toThrow(
      /dead-letter retention of 3 days is shorter than the queue's 4/,
    );
  });

  test('the queue refuses a consumer batch or concurrency that SQS and Lambda do not allow', () => {
    const consumer = { functionArn: 'arn', rolePolicy: undefined, addToPrincipalPolicy: () => undefined } as never;
    const queue = new FifoQueue(stack(), 'Q', { queueName: 'q', consumerTimeoutSeconds: 30, maxReceiveCount: 3 });
    expect(() => queue.addLambdaConsumer(consumer, { batchSize: 11, maximumConcurrency: 2 })).toThrow(
      /batch size of a FIFO queue consumer must be between 1 and 10, but 11 was given/,
    );
    expect(() => queue.addLambdaConsumer(consumer, { batchSize: 1, maximumConcurrency: 1 })).toThrow(
      /maximum concurrency of an SQS event source must be between 2 and 1000, but 1 was given/,
    );
  });

  test('the table refuses a key attribute declared with two types', () => {
    const scope = stack();
    const key = new EncryptionKey(scope, 'Key', { alias: 'k', description: 'k', region: 'eu-west-1' });
    const definition: TableDefinition = {
      ...DEFINITION,
      globalSecondaryIndexes: [{ indexName: 'byPk', partitionKey: { name: 'pk', type: 'N' }, projection: 'ALL' }],
    };
    expect(() => new BridgeTable(scope, 'T', { tableName: 't', definition, encryptionKey: key })).toThrow(
      /table t: key attribute "pk" is declared as S and as N; give it one type/,
    );
  });

  test('the API refuses a route path it could not put in a permission source ARN', () => {
    const api = new HttpApi(stack(), 'Api', { apiName: 'a', description: 'd', throttlingRateLimit: 1, throttlingBurstLimit: 1, logRetentionDays: 7 });
    expect(() => api.addLambdaRoute('GET', 'v1/{proxy+}', { functionName: 'f', invokeArn: 'arn' } as never)).toThrow(
      /route path "v1\/\{proxy\+\}" must start with \/ and contain only letters, digits/,
    );
  });

  test('the schedule refuses a rate below one minute and words the rate for EventBridge', () => {
    const props = { ruleName: 'r', description: 'd', functionName: 'f', functionArn: 'arn' };
    expect(() => new FunctionSchedule(stack(), 'S', { ...props, rateMinutes: 0 })).toThrow(/rate must be a whole number of minutes of at least 1, but 0/);
    const scope = stack();
    new FunctionSchedule(scope, 'S', { ...props, rateMinutes: 1 });
    expect(Object.values<any>(stackJsonOf(scope).resource.aws_cloudwatch_event_rule)[0].schedule_expression).toBe('rate(1 minute)');
  });
});

describe('BridgeAlarms notification', () => {
  const props: BridgeAlarmsProps = {
    namePrefix: 'b',
    apiId: 'api',
    functionNames: { worker: 'w', intake: 'i' },
    workerKey: 'worker',
    deadLetterQueueName: 'dlq',
    thresholds: { serverErrorRatePercent: 1, deadLetterMessages: 1, workerErrors: 1, throttles: 1 },
    periodSeconds: 60,
  };
  const synthAlarms = (notify: BridgeAlarmsProps['notify']) => {
    const scope = stack();
    new BridgeAlarms(scope, 'Alarms', { ...props, notify });
    return stackJsonOf(scope);
  };

  test('notifies an existing topic without creating one', () => {
    const json = synthAlarms({ topicArn: 'arn:aws:sns:eu-west-1:123456789012:oncall' });
    expect(json.resource).not.toHaveProperty('aws_sns_topic');
    for (const alarm of Object.values<any>(json.resource.aws_cloudwatch_metric_alarm)) {
      expect(alarm.alarm_actions).toEqual(['arn:aws:sns:eu-west-1:123456789012:oncall']);
    }
  });

  test('without a destination, alarms only change state', () => {
    const json = synthAlarms(undefined);
    expect(json.resource).not.toHaveProperty('aws_sns_topic');
    for (const alarm of Object.values<any>(json.resource.aws_cloudwatch_metric_alarm)) expect(alarm.alarm_actions).toEqual([]);
    expect(Object.keys(json.resource.aws_cloudwatch_metric_alarm)).toHaveLength(5);
  });

  test('fails when the worker key names no function', () => {
    expect(() => new BridgeAlarms(stack(), 'A', { ...props, workerKey: 'consumer' })).toThrow(/alarm worker key "consumer" is not one of the functions given/);
  });
});
