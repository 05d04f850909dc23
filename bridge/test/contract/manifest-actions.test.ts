import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';
import { ENV } from '../../contract/env-names';
import { HANDLERS, type HandlerManifest } from '../../contract/manifest';
import type { ResourceName } from '../../contract/resources';
import { jmlRequest } from '../../dev/harness/requests';
import { signedHeaders } from '../../dev/local/sign-request';
import { handlerEnvironment, startStack, TestStack } from '../../dev/harness/stack';
import { encodeMessage } from '../../src/adapters/queue/message';

/** The IAM action each AWS SDK command needs (document-client commands and their low-level twins alike). */
const ACTION_OF: Record<string, string> = {
  PutCommand: 'dynamodb:PutItem',
  PutItemCommand: 'dynamodb:PutItem',
  GetCommand: 'dynamodb:GetItem',
  GetItemCommand: 'dynamodb:GetItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  QueryCommand: 'dynamodb:Query',
  SendMessageCommand: 'sqs:SendMessage',
  PutObjectCommand: 's3:PutObject',
  GetSecretValueCommand: 'secretsmanager:GetSecretValue',
};

/**
 * Runs the real handler modules against dynalite and the simulators while recording every AWS SDK command they send,
 * as `<resource> <action>`, and checks each against the function's manifest entry: the code never needs a permission
 * its role lacks (the stack test checks the role has nothing more than the entry).
 */
describe('each handler performs only the AWS actions its manifest entry lists', () => {
  let stack: TestStack;
  const saved = { ...process.env };
  const sent: string[] = [];
  // The smithy client every AWS SDK v3 client extends (one SDK version, so one class for DynamoDB, SQS and S3).
  const Client = Object.getPrototypeOf(DynamoDBClient.prototype).constructor as { prototype: { send: (...args: any[]) => any } };
  const originalSend = Client.prototype.send;

  const resourceOf = (input: Record<string, unknown>): ResourceName | 'unknown' => {
    if (input.TableName === process.env[ENV.tableName]) return 'table';
    if (input.TableName && input.TableName === process.env[ENV.configTable]) return 'configTable';
    if (input.QueueUrl) return 'workQueue';
    if (input.Bucket) return 'sealBucket';
    return 'unknown';
  };

  beforeAll(async () => {
    stack = await startStack({ eventHook: false });
    Object.assign(process.env, handlerEnvironment(stack));
    Client.prototype.send = function record(this: unknown, command: any, ...rest: any[]) {
      const action = ACTION_OF[command?.constructor?.name];
      if (action) sent.push(`${resourceOf(command.input ?? {})} ${action}`);
      return (originalSend as any).call(this, command, ...rest);
    } as typeof originalSend;
  });
  afterAll(async () => {
    Client.prototype.send = originalSend;
    process.env = saved;
    await stack.close();
  });

  const allowed = (entry: HandlerManifest) =>
    new Set(Object.entries(entry.access).flatMap(([resource, actions]) => (actions as readonly string[]).map((a) => `${resource} ${a}`)));

  test('intake (a signed joiner, the queue unreachable) and worker (that joiner, from the queue message)', async () => {
    const intake = await import('../../src/handlers/intake');
    const request = jmlRequest('joiner');
    const body = JSON.stringify(request);
    const headers = signedHeaders(stack.webhookSecret, body);
    sent.length = 0;
    const event = {
      version: '2.0',
      routeKey: 'POST /v1/jml',
      rawPath: '/v1/jml',
      rawQueryString: '',
      headers,
      body,
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/v1/jml' }, requestId: randomUUID() },
    };
    await intake.handler(event as unknown as APIGatewayProxyEventV2);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((s) => !allowed(HANDLERS.intake).has(s))).toEqual([]);
    expect(sent).toEqual(expect.arrayContaining(['table dynamodb:PutItem', 'workQueue sqs:SendMessage'])); // the recording works

    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);
    const worker = await import('../../src/handlers/worker');
    sent.length = 0;
    const message = encodeMessage({ threadKey: thread.threadKey, correlationId: thread.correlationId, userKey: thread.userKey, replay: 0 });
    await worker.handler({ Records: [{ messageId: randomUUID(), body: message, attributes: { MessageGroupId: 'g' } }] } as unknown as SQSEvent);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((s) => !allowed(HANDLERS.worker).has(s))).toEqual([]);
    expect(sent).toEqual(expect.arrayContaining(['table dynamodb:UpdateItem', 'table dynamodb:Query']));
  });

  test('scheduler (nothing due)', async () => {
    const scheduler = await import('../../src/handlers/scheduler');
    sent.length = 0;
    await scheduler.handler();
    expect(sent.filter((s) => !allowed(HANDLERS.scheduler).has(s))).toEqual([]);
  });
});
